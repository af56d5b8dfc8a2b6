import Testing
import ZKAlgebra

/// What the vectors and `Vectors/SPEC.md` say the two BN254 moduli are, with the complete
/// factorisation of p − 1 (computed independently, with sympy's `factorint`).
struct FieldDescription: Sendable {
    let name: String
    let modulusHex: String
    let twoAdicity: Int
    /// Prime factors of p − 1 with multiplicity.
    let factorsOfModulusMinusOne: [(prime: String, exponent: Int)]

    static let scalar = FieldDescription(
        name: "bn254_fr",
        modulusHex: "0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001",
        twoAdicity: 28,
        factorsOfModulusMinusOne: [
            ("2", 28), ("3", 2), ("13", 1), ("29", 1), ("983", 1), ("11003", 1), ("237073", 1),
            ("405928799", 1), ("1670836401704629", 1), ("13818364434197438864469338081", 1),
        ])

    static let base = FieldDescription(
        name: "bn254_fq",
        modulusHex: "0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47",
        twoAdicity: 1,
        factorsOfModulusMinusOne: [
            ("2", 1), ("3", 2), ("13", 1), ("29", 1), ("67", 1), ("229", 1), ("311", 1), ("983", 1),
            ("11003", 1), ("405928799", 1), ("11465965001", 1),
            ("13427688667394608761327070753331941386769", 1),
        ])
}

private func limbs(_ tuple: (UInt64, UInt64, UInt64, UInt64)) -> [UInt64] { [tuple.0, tuple.1, tuple.2, tuple.3] }

/// R = 2^256: R mod p, R² mod p, −p⁻¹ mod 2^64 and the two-adicity, recomputed with GMP and with
/// plain wrapping 64-bit arithmetic.
func checkMontgomeryConstants<P: PrimeFieldParameters>(_: P.Type, _ expected: FieldDescription) {
    let constants = P.constants
    let p = BigInteger(checked: expected.modulusHex)
    let r = BigInteger.powerOfTwo(256)
    #expect(P.name == expected.name)
    #expect(constants.modulus == p && MontgomeryField<P>.modulus == p)
    #expect(limbs(P.modulusLimbs) == p.littleEndianWords(count: 4))
    #expect(constants.bitWidth == 254 && p.isProbablePrime())
    #expect(limbs(constants.rModP) == r.modulo(p).littleEndianWords(count: 4))
    #expect(limbs(constants.rSquaredModP) == (r * r).modulo(p).littleEndianWords(count: 4))

    // −p⁻¹ mod 2^64: p·n ≡ −1 (mod 2^64), checked without GMP, and n against GMP's inverse.
    let n = constants.negativeInverseModWord
    #expect(P.modulusLimbs.0 &* n == UInt64.max)
    let word = BigInteger.powerOfTwo(64)
    #expect(BigInteger(n) == (word - (p.inverse(modulus: word) ?? 0)).modulo(word))

    // Two-adicity: 2^s divides p − 1 and 2^(s+1) does not.
    let s = constants.twoAdicity
    #expect(s == expected.twoAdicity)
    #expect((p - 1).modulo(.powerOfTwo(s)) == 0 && (p - 1).modulo(.powerOfTwo(s + 1)) != 0)
}

@Test func scalarFieldMontgomeryConstantsMatchGMP() {
    checkMontgomeryConstants(BN254ScalarFieldParameters.self, .scalar)
    #expect(Fr.twoAdicity == 28)
}

@Test func baseFieldMontgomeryConstantsMatchGMP() {
    checkMontgomeryConstants(BN254BaseFieldParameters.self, .base)
    #expect(Fq.twoAdicity == 1)
}

/// g generates F_p^* iff g^((p−1)/q) ≠ 1 for every prime q dividing p − 1. The factorisation is
/// checked first (product equals p − 1, every factor is prime), so this is a complete proof.
func checkMultiplicativeGenerator<P: PrimeFieldParameters>(_: P.Type, _ expected: FieldDescription) {
    typealias F = MontgomeryField<P>
    let p = F.modulus
    let factors = expected.factorsOfModulusMinusOne.map { (BigInteger(checked: $0.prime), $0.exponent) }
    var product = BigInteger(1)
    for (prime, exponent) in factors {
        #expect(prime.isProbablePrime(), "\(prime) is not prime")
        for _ in 0..<exponent { product = product * prime }
    }
    #expect(product == p - 1, "the factorisation of p − 1 is wrong")

    let g = F.multiplicativeGenerator
    #expect(g == F(P.multiplicativeGenerator))
    for (prime, _) in factors {
        #expect(g.power((p - 1) / prime) != .one, "\(g) has order dividing (p − 1)/\(prime)")
    }
    // The 2-part in particular: g is a quadratic non-residue, g^((p−1)/2) = −1.
    #expect(g.power((p - 1) / 2) == -F.one)
}

@Test func scalarFieldGeneratorFiveHasFullOrder() {
    #expect(BN254ScalarFieldParameters.multiplicativeGenerator == 5)
    checkMultiplicativeGenerator(BN254ScalarFieldParameters.self, .scalar)
}

@Test func baseFieldGeneratorThreeHasFullOrder() {
    #expect(BN254BaseFieldParameters.multiplicativeGenerator == 3)
    checkMultiplicativeGenerator(BN254BaseFieldParameters.self, .base)
}
