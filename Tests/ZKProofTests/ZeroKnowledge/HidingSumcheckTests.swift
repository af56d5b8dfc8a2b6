import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

@Suite("Zero-knowledge sumcheck (committed rounds)")
struct HidingSumcheckTests {
    static let variableCount = 5

    /// Claims: Σ eq(r,x)·f(x)·g(x) = s₀ and Σ f(x)·h(x) = s₁, with eq public (factor 0) and
    /// f, g, h hidden (factors 1, 2, 3).
    struct Instance {
        var r: [Fr]
        var factors: [DenseMultilinearPolynomial]
        var sums: [Fr]
    }

    static func instance(seed: UInt64) -> Instance {
        var random = SeededGenerator(seed: seed)
        let r = (0..<variableCount).map { _ in Fr.random(using: &random) }
        let eq = DenseMultilinearPolynomial(evaluations: EqualityPolynomial.table(at: r))
        let hidden = (0..<3).map { _ in DenseMultilinearPolynomial(evaluations: (0..<(1 << variableCount)).map { _ in Fr(Int64(Int8(truncatingIfNeeded: random.next()))) }) }
        let factors = [eq] + hidden
        let s0 = (0..<(1 << variableCount)).reduce(Fr.zero) { $0 + factors[0].evaluations[$1] * factors[1].evaluations[$1] * factors[2].evaluations[$1] }
        let s1 = (0..<(1 << variableCount)).reduce(Fr.zero) { $0 + factors[1].evaluations[$1] * factors[3].evaluations[$1] }
        return Instance(r: r, factors: factors, sums: [s0, s1])
    }

    static func statement(_ sums: [CommittedValue]) -> HidingSumcheckStatement {
        HidingSumcheckStatement(variableCount: variableCount, factorCount: 4,
                                claims: [.init(factors: [0, 1, 2], claimedSum: sums[0]), .init(factors: [1, 3], claimedSum: sums[1])],
                                publicFactors: [0])
    }

    static func prove(_ instance: Instance, sums: [Fr]? = nil, seed: String = "sumcheck") -> [UInt8] {
        HidingFixture.proof(seed: seed) { prover in
            let committed = prover.commit(sums ?? instance.sums)
            let result = HidingSumcheck.prove(statement(committed), factors: instance.factors, &prover)
            // The caller discharges the hidden finals; here: f at the point, opened as a relation.
            let f = instance.factors[1].evaluate(at: result.point)
            prover.requireZero(result.factors[1] - CommittedValue(f))
        }
    }

    static func verify(_ instance: Instance, _ bytes: [UInt8]) -> HidingVerificationError? {
        HidingFixture.verify(bytes) { (verifier: inout HidingVerifier) throws(HidingVerificationError) in
            let committed = try verifier.receive(2, "sums")
            let result = try HidingSumcheck.verify(statement(committed), publicValues: { point in
                [EqualityPolynomial.evaluate(instance.r, point)]
            }, &verifier, "test sumcheck")
            verifier.requireZero(result.factors[1] - CommittedValue(instance.factors[1].evaluate(at: result.point)))
        }
    }

    @Test("an honest proof verifies and has the documented size")
    func honest() {
        let instance = Self.instance(seed: 1)
        let bytes = Self.prove(instance)
        let size = 2 * 64 + HidingSumcheck.byteCount(Self.statement([.zero, .zero])) + LinearRelationProof.byteCount
        #expect(bytes.count == size)
        #expect(Self.verify(instance, bytes) == nil)
    }

    @Test("a wrong claimed sum is rejected")
    func wrongSum() {
        let instance = Self.instance(seed: 2)
        #expect(Self.verify(instance, Self.prove(instance, sums: [instance.sums[0] + Fr.one, instance.sums[1]])) != nil)
        #expect(Self.verify(instance, Self.prove(instance, sums: [instance.sums[0], instance.sums[1] - Fr.one])) != nil)
    }

    @Test("every message, tampered, is rejected; so is every truncation")
    func tampering() {
        let instance = Self.instance(seed: 3)
        let bytes = Self.prove(instance)
        for index in stride(from: 0, to: bytes.count, by: 1) where index % 32 == 0 || index % 32 == 17 {
            var copy = bytes
            copy[index] ^= 0x04
            #expect(Self.verify(instance, copy) != nil, "byte \(index) accepted")
        }
        for length in stride(from: 0, to: bytes.count, by: 32) {
            #expect(Self.verify(instance, Array(bytes[..<length])) != nil, "truncation to \(length) accepted")
        }
    }

    @Test("two commitments swapped (a reordered transcript) are rejected")
    func reordered() {
        let instance = Self.instance(seed: 4)
        let bytes = Self.prove(instance)
        for (a, b) in [(0, 1), (2, 3), (1, 5), (6, 9)] {
            var copy = bytes
            let first = Array(copy[(a * 64)..<(a * 64 + 64)]), second = Array(copy[(b * 64)..<(b * 64 + 64)])
            copy.replaceSubrange((a * 64)..<(a * 64 + 64), with: second)
            copy.replaceSubrange((b * 64)..<(b * 64 + 64), with: first)
            #expect(Self.verify(instance, copy) != nil, "swap \(a) ↔ \(b) accepted")
        }
    }
}
