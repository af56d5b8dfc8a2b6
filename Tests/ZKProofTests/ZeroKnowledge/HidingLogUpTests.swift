import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// The zero-knowledge LogUp against the plain one: both accept the same honest lookups, the
/// claims the hidden one leaves are true evaluations (checked here by opening them as linear
/// relations, as the inference protocol's witness opening does), and a witness outside the table
/// or wrong multiplicities are rejected.
@Suite("Zero-knowledge LogUp")
struct HidingLogUpTests {
    static let table = RangeTable(bitCount: 6)

    /// Proves the lookup, then discharges its two claims against the true polynomials.
    static func proof(witness: [UInt64], multiplicities: [UInt64]) -> [UInt8] {
        HidingFixture.proof(seed: "logup") { prover in
            let result = HidingLogUp.prove(witness: witness.map { Fr($0) }, multiplicities: multiplicities, table: table,
                                           packing: .zero, &prover)
            let w = DenseMultilinearPolynomial(evaluations: witness.map { Fr($0) }).evaluate(at: result.witness.point)
            let m = DenseMultilinearPolynomial(evaluations: multiplicities.map { Fr($0) }).evaluate(at: result.multiplicities.point)
            prover.requireEqual(result.witness.value, CommittedValue(w))
            prover.requireEqual(result.multiplicities.value, CommittedValue(m))
        }
    }

    static func verify(_ bytes: [UInt8], witness: [UInt64], multiplicities: [UInt64]) -> HidingVerificationError? {
        HidingFixture.verify(bytes) { (verifier: inout HidingVerifier) throws(HidingVerificationError) in
            let result = try HidingLogUp.verify(witnessVariables: witness.count.trailingZeroBitCount, table: table, packing: .zero, &verifier)
            // What the witness commitment would prove: the claims are the true evaluations.
            let w = DenseMultilinearPolynomial(evaluations: witness.map { Fr($0) }).evaluate(at: result.witness.point)
            let m = DenseMultilinearPolynomial(evaluations: multiplicities.map { Fr($0) }).evaluate(at: result.multiplicities.point)
            verifier.requireEqual(result.witness.value, CommittedValue(w))
            verifier.requireEqual(result.multiplicities.value, CommittedValue(m))
        }
    }

    static func honest(seed: UInt64, count: Int = 32) -> (witness: [UInt64], multiplicities: [UInt64]) {
        var random = SplitMix64(seed: seed)
        let witness = (0..<count).map { _ in random.next() % 64 }
        return (witness, table.multiplicities(of: witness)!)
    }

    @Test("an honest lookup verifies, as the plain LogUp does")
    func honest() throws {
        for seed: UInt64 in [1, 2, 3] {
            let (witness, multiplicities) = Self.honest(seed: seed)
            #expect(Self.verify(Self.proof(witness: witness, multiplicities: multiplicities), witness: witness, multiplicities: multiplicities) == nil)
            var transcript = Transcript(domain: "plain")
            let (plain, _) = LogUpProver.prove(witness: witness, multiplicities: multiplicities, table: Self.table, transcript: &transcript)
            var check = Transcript(domain: "plain")
            #expect(throws: Never.self) {
                try LogUpVerifier.verify(witnessVariables: 5, table: Self.table, proof: plain, transcript: &check)
            }
        }
    }

    @Test("wrong multiplicities are rejected")
    func wrongMultiplicities() {
        let (witness, multiplicities) = Self.honest(seed: 4)
        var wrong = multiplicities
        let used = wrong.firstIndex { $0 > 0 }!
        wrong[used] -= 1
        wrong[(used + 1) % wrong.count] += 1
        // The verifier checks the claims against the multiplicities the prover used, so only the
        // fraction identity can catch the lie.
        #expect(Self.verify(Self.proof(witness: witness, multiplicities: wrong), witness: witness, multiplicities: wrong) != nil)
    }

    @Test("a witness value outside the table is rejected, whatever multiplicities the prover claims")
    func outsideTable() {
        var (witness, multiplicities) = Self.honest(seed: 5)
        // 64 is one past the table; the prover still counts the entry it replaced.
        witness[3] = 64
        #expect(Self.verify(Self.proof(witness: witness, multiplicities: multiplicities), witness: witness, multiplicities: multiplicities) != nil)
    }

    @Test("every tampered message and truncation is rejected")
    func tampering() {
        let (witness, multiplicities) = Self.honest(seed: 6, count: 8)
        let bytes = Self.proof(witness: witness, multiplicities: multiplicities)
        for index in stride(from: 0, to: bytes.count, by: 16) {
            var copy = bytes
            copy[index] ^= 0x10
            #expect(Self.verify(copy, witness: witness, multiplicities: multiplicities) != nil, "byte \(index) accepted")
        }
        for length in stride(from: 0, to: bytes.count, by: 64) {
            #expect(Self.verify(Array(bytes[..<length]), witness: witness, multiplicities: multiplicities) != nil)
        }
    }
}
