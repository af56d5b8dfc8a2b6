import Foundation
import ZKProof
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

/// The Pedersen (Hyrax layout) figures: commit to 2^20 int8 values, open at one point (values
/// public), verify, and the opening's size.
extension CoreBenchmarks {
    func pedersen() -> (commit: Double, open: Double, verify: Double, proofBytes: Int) {
        var generator = SplitMix64(seed: 21)
        let polynomial = DenseMultilinearPolynomial(
            evaluations: (0..<size).map { _ in Fr(Int64(Int8(truncatingIfNeeded: generator.next()))) })
        let scheme = PedersenCommitmentScheme()
        _ = PedersenGenerators.vector(count: PedersenCommitmentScheme.Layout(variableCount: 20).columnCount)
        var committed: (commitment: PedersenCommitmentScheme.Commitment, proverData: PedersenCommitmentScheme.ProverData)?
        let commitTime = bestTime(repetitions: repetitions) { committed = scheme.commit(polynomial, random: &generator) }
        guard let (commitment, data) = committed else { return (commitTime, 0, 0, 0) }
        let point = randomElements(20, seed: 22)
        var opened: (values: [Fr], proof: PedersenCommitmentScheme.OpeningProof)?
        let openTime = bestTime(repetitions: repetitions) {
            var transcript = Transcript(domain: "bench")
            opened = scheme.open(data, at: [point], transcript: &transcript, random: &generator)
        }
        guard let (values, proof) = opened else { return (commitTime, openTime, 0, 0) }
        var failure: VerificationError?
        let verifyTime = bestTime(repetitions: repetitions) {
            var transcript = Transcript(domain: "bench")
            do throws(VerificationError) {
                try scheme.verify(commitment, claims: [EvaluationClaim(point: point, value: values[0])], proof: proof, transcript: &transcript)
            } catch {
                failure = error
            }
        }
        if let failure { FileHandle.standardError.write(Data("error: benchmark Pedersen opening rejected: \(failure)\n".utf8)) }
        var writer = ByteWriter()
        proof.encode(into: &writer)
        return (commitTime, openTime, verifyTime, writer.bytes.count)
    }
}

extension CoreBenchmarks {
    /// Seconds to commit to 2^24 int8 values (a VGG-16 for CIFAR-10 has about 15M weights): 4,096
    /// row commitments of 4,096 entries each. Measured once; it needs about 1 GB.
    func pedersenCommitVGGSized() -> Double {
        var generator = SplitMix64(seed: 23)
        let polynomial = DenseMultilinearPolynomial(
            evaluations: (0..<(1 << 24)).map { _ in Fr(Int64(Int8(truncatingIfNeeded: generator.next()))) })
        var commitment: PedersenCommitmentScheme.Commitment?
        let time = bestTime(repetitions: 1) { commitment = PedersenCommitmentScheme().commit(polynomial, random: &generator).commitment }
        blackHole(commitment)
        return time
    }
}
