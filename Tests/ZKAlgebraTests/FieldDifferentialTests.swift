import Testing
import ZKAlgebra

/// Differential test of the Montgomery arithmetic against GMP (through `BigInteger`): every
/// operation on every operand pair must give the same residue. Operands are all pairs of the edge
/// values, then `randomPairCount` random pairs (see `PrimeField.randomOperand`).
func checkArithmeticAgainstGMP<F: PrimeField>(_: F.Type, randomPairCount: Int, seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let p = F.modulus
    var log = MismatchLog(field: "\(F.self)", seed: seed)

    func compare(_ a: BigInteger, _ b: BigInteger) {
        let x = F(a), y = F(b)
        log.check("conversion", a, b, x, a)
        log.check("add", a, b, x + y, (a + b).modulo(p))
        log.check("sub", a, b, x - y, (a - b).modulo(p))
        log.check("mul", a, b, x * y, (a * b).modulo(p))
        log.check("neg", a, b, -x, (-a).modulo(p))
        log.check("square", a, b, x.squared(), (a * a).modulo(p))
        log.check("inverse", a, b, x.inverse, a.inverse(modulus: p))
        log.check("pow", a, b, x.power(b), a.power(b, modulus: p))
    }

    let edges = F.edgeValues
    for a in edges { for b in edges { compare(a, b) } }
    for _ in 0..<randomPairCount {
        compare(F.randomOperand(using: &rng), F.randomOperand(using: &rng))
    }
    #expect(log.mismatchCount == 0, "seed \(seed): \(log.mismatchCount) mismatches against GMP in \(F.self)")
}

/// Collects mismatches without paying for an `#expect` per comparison in the hot loop; the first
/// few are recorded in full (operation, operands, both results, seed).
struct MismatchLog {
    let field: String
    let seed: UInt64
    private(set) var mismatchCount = 0

    init(field: String, seed: UInt64) {
        self.field = field
        self.seed = seed
    }

    /// `got` must have GMP's value, and also be the same element as one built from that value:
    /// the second catches results left unreduced (≥ p) in the limbs, which `bigInteger` would hide.
    mutating func check<F: PrimeField>(_ operation: String, _ a: BigInteger, _ b: BigInteger, _ got: F?, _ expected: BigInteger?) {
        let expectedElement = expected.map { F($0) }
        guard got?.bigInteger != expected || got != expectedElement else { return }
        mismatchCount += 1
        if mismatchCount <= 5 {
            Issue.record("""
                seed \(seed): \(field) \(operation)(\(a), \(b)) = \(got?.bigInteger.description ?? "nil") \
                (same element as GMP's: \(got == expectedElement)), GMP says \(expected?.description ?? "nil")
                """)
        }
    }
}

/// Four independent slices of 25,000 pairs each (100,000 in all) so the work spreads over cores.
@Test(arguments: 0..<4)
func scalarFieldMatchesGMP(slice: UInt64) {
    checkArithmeticAgainstGMP(Fr.self, randomPairCount: 25_000, seed: 0xD1FF_0000 + slice)
}

@Test func baseFieldMatchesGMP() {
    checkArithmeticAgainstGMP(Fq.self, randomPairCount: 20_000, seed: 0xD1FF_1000)
}
