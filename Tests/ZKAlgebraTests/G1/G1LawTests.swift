import Testing
import ZKAlgebra
import ZKTestSupport

/// Group laws on random points: identity, inverses, commutativity, associativity, scalar
/// distributivity, order r, and the conversions (batch affine, projective equality).
@Test func g1GroupLaws() {
    var generator = SeededGenerator(defaultSeed: 0x6731_6c61_7773)
    let g = G1Affine.generator.projective
    var failures = [String]()
    func law(_ holds: Bool, _ name: String) { if !holds, failures.count < 5 { failures.append(name) } }
    for _ in 0..<40 {
        let (a, b, c) = (Fr.random(using: &generator), Fr.random(using: &generator), Fr.random(using: &generator))
        let (p, q, r) = (g.multiplied(by: a), g.multiplied(by: b), g.multiplied(by: c))
        law(p + .identity == p && G1Projective.identity + p == p, "identity")
        law((p - p).isIdentity && (p + (-p)).isIdentity, "inverse")
        law(p + q == q + p, "commutativity")
        law((p + q) + r == p + (q + r), "associativity")
        law(p + p == p.doubled(), "doubling")
        law(g.multiplied(by: a + b) == p + q, "(a + b)G = aG + bG")
        law(g.multiplied(by: a * b) == q.multiplied(by: a), "(ab)G = a(bG)")
        law((p + q).multiplied(by: a) == p.multiplied(by: a) + q.multiplied(by: a), "a(P + Q) = aP + aQ")
        law(p.affine.projective == p && p.affine.projective.adding(q.affine) == p + q, "affine round trip")
        law(p.affine.multiplied(by: b) == p.multiplied(by: b), "affine and Jacobian scalar multiplication agree")
    }
    let order = Fr.zero - Fr.one
    law((g.multiplied(by: order) + g).isIdentity, "r·G = identity")
    law(G1Affine(x: Fq(1), y: Fq(3)) == nil, "off-curve point refused")
    let points = (0..<33).map { g.multiplied(by: Fr(UInt64($0))) }
    law(G1Projective.batchAffine(points) == points.map(\.affine), "batch affine (identity included)")
    #expect(failures.isEmpty, generator.comment("laws failing: \(failures)"))
}

@Test func g1PointsByAbscissa() throws {
    let g = G1Affine.generator
    #expect(G1Affine(x: Fq(1), largerRoot: false) == g)
    #expect(G1Affine(x: Fq(1), largerRoot: true) == -g)
    #expect(G1Affine(x: Fq(0), largerRoot: false) == nil, "0³ + 3 is not a square mod q")
    #expect(!g.y.isLargerRoot && (-g).y.isLargerRoot)
}
