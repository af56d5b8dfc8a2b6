extension MontgomeryField where P == BN254BaseFieldParameters {
    /// (q + 1) / 4 as little-endian words: q ≡ 3 (mod 4), so t^((q+1)/4) is a square root of t
    /// whenever t is a square.
    @usableFromInline static let squareRootExponent: [UInt64] = [
        0x4f08_2305_b61f_3f52, 0x65e0_5aa4_5a1c_72a3, 0x6e14_116d_a060_5617, 0x0c19_139c_b84c_680a,
    ]

    /// A square root of `self`, or nil when `self` is not a square (one exponentiation, then a check).
    public func squareRoot() -> Self? {
        let candidate = power(Self.squareRootExponent)
        return candidate.squared() == self ? candidate : nil
    }

    /// True when the standard value exceeds (q − 1)/2: of the two roots ±y of a nonzero square,
    /// exactly one is "larger". The compressed point encoding records this bit.
    public var isLargerRoot: Bool {
        let half: (UInt64, UInt64, UInt64, UInt64) =
            (0x9e10_460b_6c3e_7ea3, 0xcbc0_b548_b438_e546, 0xdc28_22db_40c0_ac2e, 0x1832_2739_7098_d014)
        let s = standardLimbs
        if s.3 != half.3 { return s.3 > half.3 }
        if s.2 != half.2 { return s.2 > half.2 }
        if s.1 != half.1 { return s.1 > half.1 }
        return s.0 > half.0
    }
}
