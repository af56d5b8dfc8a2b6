/// The constant set that defines one prime field for the Montgomery backend.
///
/// A new prime is a new conforming type with these constants, not new arithmetic. The hot path
/// reads only `modulusLimbs` (folded to constants after specialization); everything else is
/// derived from the modulus once, by `MontgomeryConstants`.
public protocol PrimeFieldParameters: Sendable {
    /// Short identifier used in test names and vectors (`"bn254_fr"`).
    static var name: String { get }
    /// The modulus p as four little-endian 64-bit limbs. Requires p < 2^254 so that the
    /// no-final-carry variant of CIOS multiplication and carry-free addition are valid.
    static var modulusLimbs: (UInt64, UInt64, UInt64, UInt64) { get }
    /// A generator of the multiplicative group F_p^*.
    static var multiplicativeGenerator: UInt64 { get }
    /// Derived constants, cached: conformers write `static let constants = MontgomeryConstants(Self.self)`.
    static var constants: MontgomeryConstants { get }
}

/// Montgomery constants derived from the modulus with GMP (R = 2^256).
public struct MontgomeryConstants: Sendable {
    public let modulus: BigInteger
    /// R mod p: the Montgomery form of 1.
    public let rModP: (UInt64, UInt64, UInt64, UInt64)
    /// R^2 mod p: converts a standard value into Montgomery form by one multiplication.
    public let rSquaredModP: (UInt64, UInt64, UInt64, UInt64)
    /// -p^{-1} mod 2^64.
    public let negativeInverseModWord: UInt64
    /// Largest s with 2^s | p - 1.
    public let twoAdicity: Int
    public let bitWidth: Int

    public init<P: PrimeFieldParameters>(_ parameters: P.Type) {
        let limbs = P.modulusLimbs
        let p = BigInteger(littleEndianWords: [limbs.0, limbs.1, limbs.2, limbs.3])
        precondition(p.bitWidth <= 254 && p.isProbablePrime(), "\(P.name): modulus must be a prime below 2^254")
        modulus = p
        bitWidth = p.bitWidth
        let r = BigInteger(1) << 256
        rModP = Self.limbs(r.modulo(p))
        rSquaredModP = Self.limbs((r * r).modulo(p))
        let word = BigInteger(1) << 64
        guard let inverse = p.inverse(modulus: word) else { preconditionFailure("even modulus") }
        negativeInverseModWord = Self.limbs((word - inverse).modulo(word)).0
        var s = 0
        var pMinusOne = p - BigInteger(1)
        while pMinusOne.modulo(BigInteger(2)).isZero { pMinusOne = pMinusOne >> 1; s += 1 }
        twoAdicity = s
    }

    static func limbs(_ value: BigInteger) -> (UInt64, UInt64, UInt64, UInt64) {
        guard let w = value.littleEndianWords(count: 4) else { preconditionFailure("value exceeds 256 bits") }
        return (w[0], w[1], w[2], w[3])
    }
}
