/// A multiplicative subgroup of `Fr` of size 2^logSize with radix-2 number-theoretic transforms.
///
/// `forward` maps coefficients c_0…c_{n-1} to evaluations at ω^0…ω^{n-1} (natural order);
/// `inverse` undoes it. Used as the Reed–Solomon encoder of the polynomial commitment.
public struct NTTDomain: Sendable {
    public let logSize: Int
    public let size: Int
    /// A primitive `size`-th root of unity: 5^((r-1)/2^28) raised to 2^(28-logSize).
    public let generator: Fr
    /// ω^k for k in 0..<size/2, and the same for ω^-1.
    let twiddles: [Fr]
    let inverseTwiddles: [Fr]
    let sizeInverse: Fr

    public static var maximumLogSize: Int { Fr.twoAdicity }

    public init(logSize: Int) {
        precondition(logSize >= 0 && logSize <= Fr.twoAdicity, "NTT size 2^\(logSize) exceeds the two-adicity")
        self.logSize = logSize
        size = 1 << logSize
        let exponent = (Fr.modulus - BigInteger(1)) >> logSize
        generator = Fr.multiplicativeGenerator.power(exponent)
        twiddles = Self.powers(of: generator, count: max(1, size / 2))
        // generator ≠ 0, so the inverse exists.
        inverseTwiddles = Self.powers(of: generator.inverse ?? .one, count: max(1, size / 2))
        sizeInverse = Fr(UInt64(size)).inverse ?? .one
    }

    static func powers(of base: Fr, count: Int) -> [Fr] {
        var result = [Fr](repeating: .one, count: count)
        for index in 1..<max(1, count) { result[index] = result[index - 1] * base }
        return result
    }

    /// In place, coefficients → evaluations. Precondition: `values.count == size`.
    public func forward(_ values: inout [Fr]) {
        precondition(values.count == size, "NTT input has \(values.count) values, domain has \(size)")
        values.withUnsafeMutableBufferPointer { transform($0, twiddles: twiddles) }
    }

    /// In place, evaluations → coefficients.
    public func inverse(_ values: inout [Fr]) {
        precondition(values.count == size, "NTT input has \(values.count) values, domain has \(size)")
        values.withUnsafeMutableBufferPointer { buffer in
            transform(buffer, twiddles: inverseTwiddles)
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
        transform(buffer, twiddles: twiddles, parallel: false)
    }

    /// Iterative Cooley–Tukey: bit-reversal permutation, then log n butterfly stages.
    func transform(_ a: UnsafeMutableBufferPointer<Fr>, twiddles: [Fr], parallel: Bool = true) {
        let n = size
        guard n > 1 else { return }
        Self.bitReversePermute(a, logSize: logSize)
        twiddles.withUnsafeBufferPointer { tw in
            for stage in 0..<logSize {
                let half = 1 << stage
                let twiddleShift = logSize - 1 - stage
                let butterflies = n / 2
                let body = { (range: Range<Int>) in
                    for b in range {
                        let j = b & (half - 1)
                        let top = ((b >> stage) << (stage + 1)) + j
                        let bottom = top + half
                        let v = a[bottom] * tw[j << twiddleShift]
                        let u = a[top]
                        a[top] = u + v
                        a[bottom] = u - v
                    }
                }
                if parallel {
                    Parallel.forEachChunk(count: butterflies, minimumChunk: 1 << 15, body)
                } else {
                    body(0..<butterflies)
                }
            }
        }
    }

    static func bitReversePermute(_ a: UnsafeMutableBufferPointer<Fr>, logSize: Int) {
        let n = a.count
        guard logSize > 0 else { return }
        for index in 0..<n {
            let reversed = Int(UInt(index).bitReversed(bits: logSize))
            if index < reversed { a.swapAt(index, reversed) }
        }
    }

    /// The naive twin: direct O(n²) evaluation of the polynomial at every ω^i.
    public func forwardNaive(_ coefficients: [Fr]) -> [Fr] {
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

extension UInt {
    /// The low `bits` bits in reverse order.
    @inlinable
    func bitReversed(bits: Int) -> UInt {
        bits == 0 ? 0 : self.bitSwapped >> UInt(UInt.bitWidth - bits)
    }

    @inlinable
    var bitSwapped: UInt {
        var value = self
        var result: UInt = 0
        for _ in 0..<UInt.bitWidth {
            result = (result << 1) | (value & 1)
            value >>= 1
        }
        return result
    }
}
