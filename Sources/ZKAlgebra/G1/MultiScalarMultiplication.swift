import Foundation

/// Σ sᵢ·Pᵢ over BN254 G1: the kernel of every Pedersen commitment and opening.
///
/// Pippenger's bucket method with signed windows: each scalar is recoded into c-bit digits in
/// (−2^(c−1), 2^(c−1)], so a window needs 2^(c−1) buckets (a negative digit adds −Pᵢ, which is
/// free in affine form). Buckets are filled with mixed additions and summed by the running-sum
/// trick (2 additions per bucket); windows are combined by c doublings each. Windows, or chunks
/// of points when there are few windows, run on all cores.
///
/// Small signed scalars (int8/int16 weights, witness values) need only as many windows as their
/// magnitude has bits: an int8 MSM is a single window of 128 buckets.
public enum MultiScalarMultiplication {
    /// Σ scalars[i]·points[i] for full-width scalars.
    public static func multiply(_ points: [G1Affine], _ scalars: [Fr], parallel: Bool = true) -> G1Projective {
        precondition(points.count == scalars.count, "MSM needs one scalar per point")
        let recoding = SignedDigits(scalars: scalars, windowBits: windowBits(count: points.count, magnitudeBits: 254))
        return pippenger(points, recoding, parallel: parallel)
    }

    /// Σ scalars[i]·points[i] for small signed integer scalars (any value of Int64 but Int64.min).
    public static func multiply(_ points: [G1Affine], smallScalars scalars: [Int64], parallel: Bool = true) -> G1Projective {
        precondition(points.count == scalars.count, "MSM needs one scalar per point")
        let largest = scalars.reduce(UInt64(0)) { max($0, $1.magnitude) }
        let magnitudeBits = UInt64.bitWidth - largest.leadingZeroBitCount
        let recoding = SignedDigits(smallScalars: scalars, windowBits: windowBits(count: points.count, magnitudeBits: magnitudeBits),
                                    magnitudeBits: magnitudeBits)
        return pippenger(points, recoding, parallel: parallel)
    }

    /// Naive twin for tests: one double-and-add scalar multiplication per point.
    package static func naive(_ points: [G1Affine], _ scalars: [Fr]) -> G1Projective {
        zip(points, scalars).reduce(.identity) { sum, term in sum + G1Projective(term.0).multiplied(by: term.1) }
    }

    /// Window size c: about ln(n) + 2 bits (the usual balance between n additions per window and
    /// 2^c bucket additions), never wider than the scalars need, at most 16.
    static func windowBits(count: Int, magnitudeBits: Int) -> Int {
        let byCount = count < 32 ? 3 : Int(Foundation.log(Double(count))) + 2
        return max(1, min(16, byCount, magnitudeBits + 1))
    }

    private static func pippenger(_ points: [G1Affine], _ digits: SignedDigits, parallel: Bool) -> G1Projective {
        let n = points.count
        guard n > 0, digits.windowCount > 0 else { return .identity }
        let workers = parallel ? Parallel.workerCount : 1
        let windowSums: [G1Projective]
        if digits.windowCount >= 2 * workers || workers == 1 || n < 1 << 10 {
            // One task per group of windows; each scans every point.
            let chunks = Parallel.mapChunks(count: digits.windowCount, minimumChunk: workers == 1 ? digits.windowCount : 1) { windows in
                windows.map { bucketSum(points, digits, window: $0, range: 0..<n) }
            }
            windowSums = chunks.flatMap { $0 }
        } else {
            // Few windows (small scalars): split the points, sum each window's partial results.
            let partials = Parallel.mapChunks(count: n, minimumChunk: max(1 << 10, n / workers)) { range in
                (0..<digits.windowCount).map { bucketSum(points, digits, window: $0, range: range) }
            }
            windowSums = (0..<digits.windowCount).map { window in partials.reduce(.identity) { $0 + $1[window] } }
        }
        var result = G1Projective.identity
        for window in windowSums.indices.reversed() {
            for _ in 0..<digits.windowBits { result = result.doubled() }
            result += windowSums[window]
        }
        return result
    }

    /// Σ over `range` of digit·point for one window: fill 2^(c−1) buckets, then the running sum
    /// Σ_b (b + 1)·bucket[b] = Σ_b (bucket[b] + … + bucket[top]).
    private static func bucketSum(_ points: [G1Affine], _ digits: SignedDigits, window: Int, range: Range<Int>) -> G1Projective {
        var buckets = [G1Projective](repeating: .identity, count: 1 << (digits.windowBits - 1))
        digits.values.withUnsafeBufferPointer { all in
            let row = all.baseAddress! + window * digits.count
            for index in range {
                let digit = row[index]
                if digit > 0 {
                    buckets[Int(digit) - 1] = buckets[Int(digit) - 1].adding(points[index])
                } else if digit < 0 {
                    buckets[Int(-digit) - 1] = buckets[Int(-digit) - 1].adding(-points[index])
                }
            }
        }
        var running = G1Projective.identity
        var sum = G1Projective.identity
        for bucket in buckets.reversed() {
            running += bucket
            sum += running
        }
        return sum
    }
}
