import Synchronization

/// A multiplicative subgroup of `Fr` of size 2^logSize with radix-2 number-theoretic transforms.
///
/// `forward` maps coefficients c_0…c_{n-1} to evaluations at ω^0…ω^{n-1} (natural order);
/// `inverse` undoes it. Used as the Reed–Solomon encoder of the polynomial commitment.
public struct NTTDomain: Sendable {
    public let logSize: Int
    public let size: Int
    /// A primitive `size`-th root of unity: 5^((r-1)/2^28) raised to 2^(28-logSize).
    public let generator: Fr
    /// Twiddles of every butterfly stage, stage s (half-size h = 2^s) stored contiguously at
    /// offset h − 1 as ω_{2h}^j for j < h, so each stage streams through its own slice.
    let stageTwiddles: [Fr]
    let sizeInverse: Fr

    public static var maximumLogSize: Int { Fr.twoAdicity }

    /// Shared domains by size: building one costs n field multiplications plus a GMP power, which
    /// a verifier encoding two rows would otherwise pay on every proof.
    /// Domains above 2^20 are built fresh each time rather than pinned in memory.
    public static func cached(logSize: Int) -> NTTDomain {
        guard logSize <= 20 else { return NTTDomain(logSize: logSize) }
        return cache.withLock { domains in
            if let domain = domains[logSize] { return domain }
            let domain = NTTDomain(logSize: logSize)
            domains[logSize] = domain
            return domain
        }
    }

    static let cache = Mutex<[Int: NTTDomain]>([:])

    public init(logSize: Int) {
        precondition(logSize >= 0 && logSize <= Fr.twoAdicity, "NTT size 2^\(logSize) exceeds the two-adicity")
        self.logSize = logSize
        size = 1 << logSize
        let exponent = (Fr.modulus - BigInteger(1)) >> logSize
        generator = Fr.multiplicativeGenerator.power(exponent)
        stageTwiddles = Self.stageTwiddles(root: generator, logSize: logSize)
        sizeInverse = Fr(UInt64(size)).inverse ?? .one
    }

    static func stageTwiddles(root: Fr, logSize: Int) -> [Fr] {
        var table = [Fr](repeating: .one, count: max(1, (1 << logSize) - 1))
        for stage in 0..<logSize {
            let half = 1 << stage
            // ω_{2h} = root^(n / 2h)
            var stageRoot = root
            for _ in 0..<(logSize - 1 - stage) { stageRoot = stageRoot.squared() }
            for j in 1..<max(1, half) { table[half - 1 + j] = table[half - 1 + j - 1] * stageRoot }
        }
        return table
    }

    /// In place, coefficients → evaluations. Precondition: `values.count == size`.
    public func forward(_ values: inout [Fr]) {
        precondition(values.count == size, "NTT input has \(values.count) values, domain has \(size)")
        values.withUnsafeMutableBufferPointer { transform($0, twiddles: stageTwiddles) }
    }

    /// In place, evaluations → coefficients, through the forward transform: the inverse DFT is
    /// the forward one with indices negated (x_k ↦ x_{−k mod n}) and scaled by 1/n, so one twiddle
    /// table serves both directions.
    public func inverse(_ values: inout [Fr]) {
        precondition(values.count == size, "NTT input has \(values.count) values, domain has \(size)")
        values.withUnsafeMutableBufferPointer { buffer in
            transform(buffer, twiddles: stageTwiddles)
            if size > 2 { buffer[1..<size].reverse() }
            let scale = sizeInverse
            Parallel.forEachChunk(count: buffer.count, minimumChunk: 1 << 14) { range in
                for index in range { buffer[index] = buffer[index] * scale }
            }
        }
    }

    /// Forward transform of one row stored at `buffer` (length `size`), single-threaded: callers
    /// that transform many rows parallelise across rows instead.
    public func forwardSerial(_ buffer: UnsafeMutableBufferPointer<Fr>) {
        precondition(buffer.count == size)
        transform(buffer, twiddles: stageTwiddles, parallel: false)
    }

    /// Forward transform of `coefficients` zero-padded to the domain size, written to `output`
    /// (single-threaded). This is Reed–Solomon encoding: with padding factor 2^k, after the
    /// bit-reversal every block of 2^k holds one coefficient followed by zeros, and the first k
    /// butterfly stages merely copy it across the block, so they are replaced by a broadcast.
    public func forwardZeroPadded(_ coefficients: UnsafeBufferPointer<Fr>, into output: UnsafeMutableBufferPointer<Fr>) {
        precondition(output.count == size && coefficients.count > 0 && size % coefficients.count == 0
                     && coefficients.count & (coefficients.count - 1) == 0, "zero-padded NTT shape")
        let logPadding = logSize - coefficients.count.trailingZeroBitCount
        let logCount = logSize - logPadding
        let shift = UInt64(64 - logCount)
        for block in 0..<coefficients.count {
            let source = logCount == 0 ? 0 : Int(UInt64(block).reversedBits >> shift)
            let value = coefficients[source]
            for offset in 0..<(1 << logPadding) { output[(block << logPadding) + offset] = value }
        }
        transform(output, twiddles: stageTwiddles, parallel: false, firstStage: logPadding, permuted: true)
    }

    /// Elements per cache block: the first log₂(this) stages run block by block (each block stays
    /// in L2 through all of them) instead of streaming the whole array once per stage.
    static let logCacheBlock = 13

    /// Iterative Cooley–Tukey: bit-reversal permutation, then log n butterfly stages. Early stages
    /// run per cache block (blocks in parallel); late ones stream the array, split across workers
    /// by block, or by butterfly within a block when blocks are few.
    /// `permuted`: the input is already in bit-reversed order; `firstStage`: the stages below it
    /// are already done.
    func transform(
        _ a: UnsafeMutableBufferPointer<Fr>, twiddles: [Fr], parallel: Bool = true, firstStage: Int = 0, permuted: Bool = false
    ) {
        let n = size
        guard n > 1 else { return }
        if !permuted { Self.bitReversePermute(a, logSize: logSize) }
        let workers = parallel ? Parallel.workerCount : 1
        let blockedStages = min(logSize, Self.logCacheBlock)
        twiddles.withUnsafeBufferPointer { table in
            func stageTwiddles(_ stage: Int) -> UnsafeBufferPointer<Fr> {
                let half = 1 << stage
                return UnsafeBufferPointer(rebasing: table[(half - 1)..<(2 * half - 1)])
            }
            let cacheBlocks = n >> blockedStages
            let runCacheBlocks = { (range: Range<Int>) in
                for cacheBlock in range {
                    let block = UnsafeMutableBufferPointer(rebasing: a[(cacheBlock << blockedStages)..<((cacheBlock + 1) << blockedStages)])
                    for stage in min(firstStage, blockedStages)..<blockedStages {
                        let half = 1 << stage
                        Self.butterflies(block, blocks: 0..<(block.count >> (stage + 1)), half: half,
                                         within: 0..<half, twiddles: stageTwiddles(stage))
                    }
                }
            }
            if workers > 1 && cacheBlocks > 1 {
                Parallel.forEachChunk(count: cacheBlocks, minimumChunk: 1, runCacheBlocks)
            } else {
                runCacheBlocks(0..<cacheBlocks)
            }
            for stage in max(firstStage, blockedStages)..<logSize {
                let half = 1 << stage
                let tw = stageTwiddles(stage)
                let blockCount = n >> (stage + 1)
                if workers == 1 {
                    Self.butterflies(a, blocks: 0..<blockCount, half: half, within: 0..<half, twiddles: tw)
                } else if blockCount >= 4 * workers {
                    Parallel.forEachChunk(count: blockCount, minimumChunk: 1) { blocks in
                        Self.butterflies(a, blocks: blocks, half: half, within: 0..<half, twiddles: tw)
                    }
                } else {
                    for block in 0..<blockCount {
                        Parallel.forEachChunk(count: half, minimumChunk: 1 << 10) { range in
                            Self.butterflies(a, blocks: block..<(block + 1), half: half, within: range, twiddles: tw)
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func butterflies(
        _ a: UnsafeMutableBufferPointer<Fr>, blocks: Range<Int>, half: Int, within: Range<Int>,
        twiddles: UnsafeBufferPointer<Fr>
    ) {
        guard let base = a.baseAddress, let tw = twiddles.baseAddress else { return }
        for block in blocks {
            let top = base + block * 2 * half
            let bottom = top + half
            for j in within {
                let v = bottom[j] * tw[j]
                let u = top[j]
                top[j] = u + v
                bottom[j] = u - v
            }
        }
    }

    static func bitReversePermute(_ a: UnsafeMutableBufferPointer<Fr>, logSize: Int) {
        let n = a.count
        guard logSize > 0 else { return }
        let shift = UInt64(64 - logSize)
        for index in 0..<n {
            let reversed = Int(UInt64(index).reversedBits >> shift)
            if index < reversed { a.swapAt(index, reversed) }
        }
    }

    /// The naive twin: direct O(n²) evaluation of the polynomial at every ω^i.
    package func forwardNaive(_ coefficients: [Fr]) -> [Fr] {
        precondition(coefficients.count == size)
        var result = [Fr](repeating: .zero, count: size)
        var point = Fr.one
        for i in 0..<size {
            var accumulator = Fr.zero
            for coefficient in coefficients.reversed() { accumulator = accumulator * point + coefficient }
            result[i] = accumulator
            point = point * generator
        }
        return result
    }
}

extension UInt64 {
    /// The 64 bits in reverse order (log₂ 64 mask-and-swap steps).
    @inlinable
    var reversedBits: UInt64 {
        var v = self
        v = ((v >> 1) & 0x5555_5555_5555_5555) | ((v & 0x5555_5555_5555_5555) << 1)
        v = ((v >> 2) & 0x3333_3333_3333_3333) | ((v & 0x3333_3333_3333_3333) << 2)
        v = ((v >> 4) & 0x0f0f_0f0f_0f0f_0f0f) | ((v & 0x0f0f_0f0f_0f0f_0f0f) << 4)
        return v.byteSwapped
    }
}
