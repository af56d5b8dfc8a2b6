/// Scalar multiplication by one fixed point through a precomputed table: with 8-bit windows,
/// table[w][k] = k·2^(8w)·B for k = 1…255, so s·B is at most 32 mixed additions (about 10 µs)
/// instead of a 254-bit double-and-add (about 100 µs). The zero-knowledge proofs commit to
/// thousands of scalars per proof, each as v·U + β·H with the same U and H.
///
/// The table holds 32 × 255 affine points (about 0.5 MB); it is built once per base.
public struct FixedBaseMultiplier: Sendable {
    static let windowBits = 8
    static let windowCount = 32

    public let base: G1Affine
    /// Row-major: window w, then entry k − 1.
    private let table: [G1Affine]

    public init(base: G1Affine) {
        self.base = base
        let entries = (1 << Self.windowBits) - 1
        var projective = [G1Projective]()
        projective.reserveCapacity(Self.windowCount * entries)
        var windowBase = G1Projective.identity.adding(base)
        for _ in 0..<Self.windowCount {
            var multiple = windowBase
            for _ in 0..<entries {
                projective.append(multiple)
                multiple = multiple + windowBase
            }
            // The next window's base is 2^8 times this one's: entry 255 plus the base once more.
            windowBase = multiple
        }
        table = G1Projective.batchAffine(projective)
    }

    /// s·B.
    public func multiply(_ scalar: Fr) -> G1Projective {
        let limbs = scalar.standardLimbs
        let words = [limbs.0, limbs.1, limbs.2, limbs.3]
        let entries = (1 << Self.windowBits) - 1
        var result = G1Projective.identity
        for window in 0..<Self.windowCount {
            let digit = Int((words[window / 8] >> UInt64(8 * (window % 8))) & 0xff)
            if digit != 0 { result = result.adding(table[window * entries + digit - 1]) }
        }
        return result
    }
}
