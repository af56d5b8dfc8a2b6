import Testing
import ZKAlgebra
import ZKTestSupport

/// 10,000+ random group operations against the GMP affine reference: every sum, difference,
/// doubling, mixed addition and scalar multiple agrees. Operands include equal points, opposite
/// points and the identity, where the Jacobian formulas branch.
@Test func g1OperationsAgreeWithTheGMPReference() {
    var generator = SeededGenerator(defaultSeed: 0x6731_6469_6666)
    var pool: [G1Reference.Point] = [nil, G1Reference.affinePoint(.generator)]
    for _ in 0..<62 { pool.append(G1Reference.randomPoint(using: &generator)) }
    pool.append(G1Reference.negate(pool[5]))
    var mismatches = [String]()
    var operations = 0, mismatchCount = 0
    func check(_ what: String, _ got: G1Projective, _ expected: G1Reference.Point) {
        operations += 1
        guard got.affine != G1Reference.affine(expected) else { return }
        mismatchCount += 1
        if mismatches.count < 3 { mismatches.append(what) }
    }
    for round in 0..<2_000 {
        let i = Int(generator.next() % UInt64(pool.count)), j = Int(generator.next() % UInt64(pool.count))
        // Every eighth pair is a point with itself or with its negation.
        let a = pool[i]
        let b = round % 8 == 0 ? (round % 16 == 0 ? a : G1Reference.negate(a)) : pool[j]
        let (pa, pb) = (G1Reference.affine(a), G1Reference.affine(b))
        // A Jacobian representative with Z ≠ 1, so that the general formulas are exercised.
        let scaled = (pa.projective.doubled() + pa.projective) - pa.projective.doubled()
        check("add \(i) \(j)", pa.projective + pb.projective, G1Reference.add(a, b))
        check("add scaled \(i) \(j)", scaled + pb.projective, G1Reference.add(a, b))
        check("mixed add \(i) \(j)", scaled.adding(pb), G1Reference.add(a, b))
        check("sub \(i) \(j)", pa.projective - pb.projective, G1Reference.add(a, G1Reference.negate(b)))
        check("double \(i)", scaled.doubled(), G1Reference.add(a, a))
        if round % 20 == 0 {
            let k = BigInteger.random(bits: 256, using: &generator).modulo(Fr.modulus)
            check("scalar \(i) by \(k)", pa.projective.multiplied(by: Fr(k)), G1Reference.multiply(a, by: k))
        }
    }
    #expect(operations >= 10_000)
    #expect(mismatches.isEmpty, generator.comment("\(mismatchCount) mismatches, first: \(mismatches)"))
}

extension G1Reference {
    static func affinePoint(_ point: G1Affine) -> Point {
        point.isIdentity ? nil : (point.x.bigInteger, point.y.bigInteger)
    }
}
