import ZKAlgebra

/// The BN254 G1 figures of `zkinfer bench core`: one mixed addition, and multi-scalar
/// multiplications with full-width and with int8 scalars (the weights commitment's case).
extension CoreBenchmarks {
    /// `count` distinct affine points: an arithmetic progression P₀ + i·R from random P₀ and R,
    /// built with one addition each and one batch inversion (random scalar multiples would take
    /// longer than the MSMs being measured; Pippenger's cost does not depend on how points relate).
    func benchmarkPoints(_ count: Int, seed: UInt64) -> [G1Affine] {
        var generator = SplitMix64(seed: seed)
        let g = G1Affine.generator.projective
        let step = g.multiplied(by: Fr.random(using: &generator)).affine
        var current = g.multiplied(by: Fr.random(using: &generator))
        var points = [G1Projective]()
        points.reserveCapacity(count)
        for _ in 0..<count {
            points.append(current)
            current = current.adding(step)
        }
        return G1Projective.batchAffine(points)
    }

    /// Nanoseconds per mixed addition (Jacobian + affine), in a dependent chain as buckets fill.
    func g1MixedAddition() -> Double {
        let points = benchmarkPoints(4096, seed: 11)
        let passes = 50
        var sum = G1Projective.identity
        let time = bestTime(repetitions: repetitions) {
            for _ in 0..<passes { for point in points { sum = sum.adding(point) } }
        }
        blackHole(sum)
        return time / Double(points.count * passes) * 1e9
    }

    /// Seconds for an MSM of 2^16 points with uniformly random scalars.
    func g1FullWidthMSM() -> Double {
        let points = benchmarkPoints(1 << 16, seed: 12)
        let scalars = randomElements(1 << 16, seed: 13)
        var result = G1Projective.identity
        let time = bestTime(repetitions: repetitions) { result = MultiScalarMultiplication.multiply(points, scalars) }
        blackHole(result)
        return time
    }

    /// Seconds for an MSM of 2^20 points with int8 scalars.
    func g1Int8MSM() -> Double {
        let points = benchmarkPoints(size, seed: 14)
        var generator = SplitMix64(seed: 15)
        let scalars = (0..<size).map { _ in Int64(Int8(truncatingIfNeeded: generator.next())) }
        var result = G1Projective.identity
        let time = bestTime(repetitions: repetitions) {
            result = MultiScalarMultiplication.multiply(points, smallScalars: scalars)
        }
        blackHole(result)
        return time
    }
}
