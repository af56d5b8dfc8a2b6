/// An element of the prime field defined by `P`, held in Montgomery form (x·2^256 mod p) in four
/// little-endian 64-bit limbs. All limb arithmetic of zkinfer lives in this file.
///
/// Invariant: the limbs always hold a value in [0, p), so equality is limb equality and the
/// canonical encoding is unique.
@frozen
public struct MontgomeryField<P: PrimeFieldParameters>: PrimeField {
    @usableFromInline internal var l0: UInt64
    @usableFromInline internal var l1: UInt64
    @usableFromInline internal var l2: UInt64
    @usableFromInline internal var l3: UInt64

    /// Wraps limbs that are already a reduced Montgomery representation.
    @inlinable @inline(__always)
    init(montgomeryLimbs l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3
    }

    @inlinable public static var zero: Self { Self(montgomeryLimbs: 0, 0, 0, 0) }

    @inlinable public static var one: Self {
        let r = P.constants.rModP
        return Self(montgomeryLimbs: r.0, r.1, r.2, r.3)
    }

    public static var modulus: BigInteger { P.constants.modulus }
    @inlinable public static var byteCount: Int { 32 }
    public static var twoAdicity: Int { P.constants.twoAdicity }
    public static var multiplicativeGenerator: Self { Self(P.multiplicativeGenerator) }

    /// -p^{-1} mod 2^64 by Newton iteration on the low limb (each step doubles the correct bits;
    /// folds to a constant after specialization). Tests check it against GMP.
    @inlinable @inline(__always)
    static var negativeInverse: UInt64 {
        let p0 = P.modulusLimbs.0
        var x: UInt64 = 1
        for _ in 0..<6 { x = x &* (2 &- p0 &* x) }
        return 0 &- x
    }

    @inlinable public var isZero: Bool { (l0 | l1 | l2 | l3) == 0 }

    // MARK: Conversions

    @inlinable
    public init(_ value: UInt64) {
        let r2 = P.constants.rSquaredModP
        self = Self.montgomeryProduct(value, 0, 0, 0, r2.0, r2.1, r2.2, r2.3)
    }

    @inlinable
    public init(_ value: Int64) {
        let magnitude = Self(value.magnitude)
        self = value < 0 ? -magnitude : magnitude
    }

    @inlinable
    public init(_ value: Int) { self.init(Int64(value)) }

    public init(_ value: BigInteger) {
        let reduced = value.modulo(P.constants.modulus)
        let w = reduced.littleEndianWords(count: 4) ?? [0, 0, 0, 0]
        self.init(reducedStandardLimbs: w[0], w[1], w[2], w[3])
    }

    /// Builds an element from a standard (non-Montgomery) value already below p.
    @inlinable
    init(reducedStandardLimbs a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) {
        let r2 = P.constants.rSquaredModP
        self = Self.montgomeryProduct(a0, a1, a2, a3, r2.0, r2.1, r2.2, r2.3)
    }

    /// The standard value's limbs (Montgomery reduction of the representation).
    @inlinable
    public var standardLimbs: (UInt64, UInt64, UInt64, UInt64) {
        let s = Self.montgomeryProduct(l0, l1, l2, l3, 1, 0, 0, 0)
        return (s.l0, s.l1, s.l2, s.l3)
    }

    public var bigInteger: BigInteger {
        let s = standardLimbs
        return BigInteger(littleEndianWords: [s.0, s.1, s.2, s.3])
    }

    public var canonicalBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        writeCanonicalBytes(into: &bytes, at: 0)
        return bytes
    }

    /// Writes the 32-byte canonical encoding at `offset` (the caller guarantees the room).
    @inlinable
    public func writeCanonicalBytes(into bytes: inout [UInt8], at offset: Int) {
        let s = standardLimbs
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: s.0.littleEndian, toByteOffset: offset, as: UInt64.self)
            raw.storeBytes(of: s.1.littleEndian, toByteOffset: offset + 8, as: UInt64.self)
            raw.storeBytes(of: s.2.littleEndian, toByteOffset: offset + 16, as: UInt64.self)
            raw.storeBytes(of: s.3.littleEndian, toByteOffset: offset + 24, as: UInt64.self)
        }
    }

    public init?(canonicalBytes bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        let w = Self.words(fromLittleEndian: bytes)
        guard Self.isBelowModulus(w.0, w.1, w.2, w.3) else { return nil }
        self.init(reducedStandardLimbs: w.0, w.1, w.2, w.3)
    }

    public init(reducing wideBytes: some Collection<UInt8>) {
        precondition(wideBytes.count == 64, "wide reduction takes 64 bytes")
        let low = Self(reducingWord256: Self.words(fromLittleEndian: wideBytes.prefix(32)))
        let high = Self(reducingWord256: Self.words(fromLittleEndian: wideBytes.dropFirst(32)))
        // value = low + high·2^256, and 2^256 mod p has Montgomery form R^2 mod p.
        let r2 = P.constants.rSquaredModP
        self = low + high * Self(montgomeryLimbs: r2.0, r2.1, r2.2, r2.3)
    }

    /// Any 256-bit value, reduced by repeated subtraction (2^256 < 6p for p ≥ 2^253).
    init(reducingWord256 w: (UInt64, UInt64, UInt64, UInt64)) {
        var v = w
        while !Self.isBelowModulus(v.0, v.1, v.2, v.3) {
            let p = P.modulusLimbs
            var borrow: UInt64
            (v.0, borrow) = Self.subtractWithBorrow(v.0, p.0, 0)
            (v.1, borrow) = Self.subtractWithBorrow(v.1, p.1, borrow)
            (v.2, borrow) = Self.subtractWithBorrow(v.2, p.2, borrow)
            (v.3, _) = Self.subtractWithBorrow(v.3, p.3, borrow)
        }
        self.init(reducedStandardLimbs: v.0, v.1, v.2, v.3)
    }

    static func words(fromLittleEndian bytes: some Collection<UInt8>) -> (UInt64, UInt64, UInt64, UInt64) {
        // Fast path for contiguous storage (arrays and their slices): four unaligned loads.
        if let words = bytes.withContiguousStorageIfAvailable({ buffer -> (UInt64, UInt64, UInt64, UInt64)? in
            guard buffer.count == 32 else { return nil }
            let raw = UnsafeRawBufferPointer(buffer)
            return (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                    UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        }), let words {
            return words
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for (index, byte) in bytes.enumerated() {
            let shifted = UInt64(byte) << UInt64(8 * (index % 8))
            switch index / 8 {
            case 0: words.0 |= shifted
            case 1: words.1 |= shifted
            case 2: words.2 |= shifted
            default: words.3 |= shifted
            }
        }
        return words
    }

    @inlinable @inline(__always)
    static func isBelowModulus(_ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64) -> Bool {
        let p = P.modulusLimbs
        var borrow: UInt64
        (_, borrow) = subtractWithBorrow(a0, p.0, 0)
        (_, borrow) = subtractWithBorrow(a1, p.1, borrow)
        (_, borrow) = subtractWithBorrow(a2, p.2, borrow)
        (_, borrow) = subtractWithBorrow(a3, p.3, borrow)
        return borrow == 1
    }

    // MARK: Limb primitives

    /// a − b − borrow (borrow ∈ {0, 1}) and the outgoing borrow. The two overflow flags are
    /// combined with a bitwise `|` on integers: a short-circuit `||` compiles to data-dependent
    /// branches, which cost NTT butterflies half their time in mispredictions.
    @inlinable @inline(__always)
    static func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
        let (d1, o1) = a.subtractingReportingOverflow(b)
        let (d2, o2) = d1.subtractingReportingOverflow(borrow)
        return (d2, UInt64(o1 ? 1 : 0) | UInt64(o2 ? 1 : 0))
    }

    /// a + b + carry (carry ∈ {0, 1}) and the outgoing carry, branch-free like `subtractWithBorrow`.
    @inlinable @inline(__always)
    static func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        let (s1, o1) = a.addingReportingOverflow(b)
        let (s2, o2) = s1.addingReportingOverflow(carry)
        return (s2, UInt64(o1 ? 1 : 0) | UInt64(o2 ? 1 : 0))
    }

    /// a + b·c + carry as (high, low); cannot overflow 128 bits.
    @inlinable @inline(__always)
    static func multiplyAccumulate(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
        // 128-bit arithmetic lets LLVM emit a plain mul/add/adc chain (no flag materialization).
        let sum = UInt128(b) &* UInt128(c) &+ UInt128(a) &+ UInt128(carry)
        return (UInt64(truncatingIfNeeded: sum >> 64), UInt64(truncatingIfNeeded: sum))
    }

    /// Subtracts p once when the 4-limb value is ≥ p (inputs are < 2p). Branch-free: the
    /// outcome is data-dependent and a mispredicted branch costs as much as the multiply.
    @inlinable @inline(__always)
    static func reducedOnce(_ t0: UInt64, _ t1: UInt64, _ t2: UInt64, _ t3: UInt64) -> Self {
        let p = P.modulusLimbs
        let (s0, b0) = subtractWithBorrow(t0, p.0, 0)
        let (s1, b1) = subtractWithBorrow(t1, p.1, b0)
        let (s2, b2) = subtractWithBorrow(t2, p.2, b1)
        let (s3, b3) = subtractWithBorrow(t3, p.3, b2)
        let keep = 0 &- b3  // all ones when t < p
        return Self(montgomeryLimbs: (t0 & keep) | (s0 & ~keep), (t1 & keep) | (s1 & ~keep),
                    (t2 & keep) | (s2 & ~keep), (t3 & keep) | (s3 & ~keep))
    }

    /// CIOS Montgomery multiplication a·b·2^-256 mod p, without the final carry word: valid because
    /// the top limb of p is below 2^62, so every intermediate fits four limbs (the "no-carry"
    /// optimization; see the Montgomery-multiplication literature, e.g. gnark's field notes).
    @inlinable @inline(__always)
    static func montgomeryProduct(
        _ a0: UInt64, _ a1: UInt64, _ a2: UInt64, _ a3: UInt64,
        _ b0: UInt64, _ b1: UInt64, _ b2: UInt64, _ b3: UInt64
    ) -> Self {
        let p = P.modulusLimbs
        let inv = negativeInverse
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0

        @inline(__always)
        func round(_ bi: UInt64) {
            var carryA: UInt64, carryC: UInt64
            (carryA, t0) = multiplyAccumulate(t0, a0, bi, 0)
            let m = t0 &* inv
            (carryC, _) = multiplyAccumulate(t0, m, p.0, 0)
            (carryA, t1) = multiplyAccumulate(t1, a1, bi, carryA)
            (carryC, t0) = multiplyAccumulate(t1, m, p.1, carryC)
            (carryA, t2) = multiplyAccumulate(t2, a2, bi, carryA)
            (carryC, t1) = multiplyAccumulate(t2, m, p.2, carryC)
            (carryA, t3) = multiplyAccumulate(t3, a3, bi, carryA)
            (carryC, t2) = multiplyAccumulate(t3, m, p.3, carryC)
            t3 = carryC &+ carryA
        }
        round(b0)
        round(b1)
        round(b2)
        round(b3)
        return reducedOnce(t0, t1, t2, t3)
    }

    // MARK: Field operations

    @inlinable @inline(__always)
    public static func * (a: Self, b: Self) -> Self {
        montgomeryProduct(a.l0, a.l1, a.l2, a.l3, b.l0, b.l1, b.l2, b.l3)
    }

    @inlinable @inline(__always)
    public static func + (a: Self, b: Self) -> Self {
        // p < 2^254, so a + b < 2^255 needs no fifth limb.
        let (s0, c0) = addWithCarry(a.l0, b.l0, 0)
        let (s1, c1) = addWithCarry(a.l1, b.l1, c0)
        let (s2, c2) = addWithCarry(a.l2, b.l2, c1)
        let (s3, _) = addWithCarry(a.l3, b.l3, c2)
        return reducedOnce(s0, s1, s2, s3)
    }

    @inlinable @inline(__always)
    public static func - (a: Self, b: Self) -> Self {
        let (d0, b0) = subtractWithBorrow(a.l0, b.l0, 0)
        let (d1, b1) = subtractWithBorrow(a.l1, b.l1, b0)
        let (d2, b2) = subtractWithBorrow(a.l2, b.l2, b1)
        let (d3, b3) = subtractWithBorrow(a.l3, b.l3, b2)
        // Add p back when the subtraction borrowed, without a branch (the borrow is data-dependent
        // and unpredictable in NTT butterflies).
        let p = P.modulusLimbs
        let mask = 0 &- b3
        let (e0, c0) = addWithCarry(d0, p.0 & mask, 0)
        let (e1, c1) = addWithCarry(d1, p.1 & mask, c0)
        let (e2, c2) = addWithCarry(d2, p.2 & mask, c1)
        let (e3, _) = addWithCarry(d3, p.3 & mask, c2)
        return Self(montgomeryLimbs: e0, e1, e2, e3)
    }

    @inlinable @inline(__always)
    public static prefix func - (a: Self) -> Self { zero - a }

    @inlinable @inline(__always)
    public func squared() -> Self { self * self }

    @inlinable @inline(__always)
    public func doubled() -> Self { self + self }

    @inlinable
    public func power(_ exponentWords: [UInt64]) -> Self {
        var result = Self.one
        for word in exponentWords.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.squared()
                if (word >> UInt64(bit)) & 1 == 1 { result = result * self }
            }
        }
        return result
    }

    /// Fermat inversion: self^(p-2).
    @inlinable
    public var inverse: Self? {
        guard !isZero else { return nil }
        let p = P.modulusLimbs
        // p is odd and > 2, so subtracting 2 from the low limb never borrows.
        return power([p.0 &- 2, p.1, p.2, p.3])
    }

    // MARK: Equatable / Hashable on the (unique) representation

    @inlinable
    public static func == (a: Self, b: Self) -> Bool {
        a.l0 == b.l0 && a.l1 == b.l1 && a.l2 == b.l2 && a.l3 == b.l3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(l0); hasher.combine(l1); hasher.combine(l2); hasher.combine(l3)
    }
}
