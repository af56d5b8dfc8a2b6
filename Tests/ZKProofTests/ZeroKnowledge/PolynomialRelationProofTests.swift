import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

@Suite("Commit-and-prove: polynomial relations over committed values")
struct PolynomialRelationProofTests {
    /// 2·x0·x1·x2 − x3² + 7·x1 + 4 = y, over four committed variables (x3 given as a linear form).
    static let terms = [
        PolynomialRelation.Term(coefficient: Fr(2), factors: [0, 1, 2]),
        PolynomialRelation.Term(coefficient: -Fr.one, factors: [3, 3]),
        PolynomialRelation.Term(coefficient: Fr(7), factors: [1]),
        PolynomialRelation.Term(coefficient: Fr(4), factors: []),
    ]
    static let values = [Fr(3), Fr(-5), Fr(11), Fr(9)]
    static var left: Fr { Fr(2) * values[0] * values[1] * values[2] - values[3] * values[3] + Fr(7) * values[1] + Fr(4) }

    static func run(_ prover: inout HidingProver, values: [Fr] = values, target offset: Fr = .zero) {
        let x = prover.commit(Array(values[..<3]) + [values[3] - Fr(1)])
        let variables = Array(x[..<3]) + [x[3] + Fr(1)]
        let target = prover.commit(left(values) + offset)
        PolynomialRelationProof.prove(PolynomialRelation(variables: variables, terms: terms, target: target), &prover)
    }

    static func left(_ v: [Fr]) -> Fr { Fr(2) * v[0] * v[1] * v[2] - v[3] * v[3] + Fr(7) * v[1] + Fr(4) }

    static func check(_ verifier: inout HidingVerifier) throws(HidingVerificationError) {
        let x = try verifier.receive(4, "x")
        let variables = Array(x[..<3]) + [x[3] + Fr(1)]
        let target = try verifier.receive("y")
        try verifier.verify(PolynomialRelation(variables: variables, terms: terms, target: target), "test relation")
    }

    @Test("an honest proof verifies, with the documented size")
    func honest() {
        let bytes = HidingFixture.proof(seed: "poly") { Self.run(&$0) }
        #expect(bytes.count == 5 * 64 + PolynomialRelationProof.byteCount(variables: 4, degree: 3) + LinearRelationProof.byteCount)
        #expect(HidingFixture.verify(bytes, Self.check) == nil)
    }

    @Test("a commitment to a false target is rejected")
    func falseTarget() {
        // An honest proof with the target's commitment replaced by a commitment to 999.
        var forged = HidingFixture.proof(seed: "poly") { Self.run(&$0) }
        var prover = HidingProver(transcript: Transcript(domain: "forge"), random: ProverRandomness(derivedFrom: "forge"))
        _ = prover.commit(Fr(999))
        let replacement = Array(prover.writer.bytes[0..<64])
        forged.replaceSubrange(4 * 64..<5 * 64, with: replacement)
        // Deferred to the end with every group equation; the recheck names the failing relation.
        #expect(HidingFixture.verify(forged, Self.check) == .polynomialRelationFailed(what: "test relation"))
    }

    @Test("every flipped byte and truncation is rejected without a crash")
    func tampering() {
        let bytes = HidingFixture.proof(seed: "poly") { Self.run(&$0) }
        for index in bytes.indices {
            var copy = bytes
            copy[index] ^= 0x01
            #expect(HidingFixture.verify(copy, Self.check) != nil, "byte \(index) accepted")
        }
        for length in stride(from: 0, to: bytes.count, by: 5) {
            #expect(HidingFixture.verify(Array(bytes[..<length]), Self.check) != nil, "truncation to \(length) accepted")
        }
    }
}
