import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

@Suite("Commit-and-prove: scalar commitments and batched linear relations")
struct LinearRelationProofTests {
    /// Commits to a, b, c with c = 3a − b + 5 and records that relation (plus a + 0 = a).
    static func run(_ prover: inout HidingProver, c offset: Fr = .zero) {
        let a = Fr(41), b = Fr(-7)
        let committed = prover.commit([a, b, Fr(3) * a - b + Fr(5) + offset])
        prover.requireZero(Fr(3) * committed[0] - committed[1] + Fr(5) - committed[2])
        prover.requireEqual(committed[0] + Fr.zero, committed[0])
    }

    static func check(_ verifier: inout HidingVerifier) throws(HidingVerificationError) {
        let committed = try verifier.receive(3, "scalars")
        verifier.requireZero(Fr(3) * committed[0] - committed[1] + Fr(5) - committed[2])
        verifier.requireEqual(committed[0] + Fr.zero, committed[0])
    }

    @Test("an honest stream verifies and is 3 commitments plus the proof's 96 bytes")
    func honest() {
        let bytes = HidingFixture.proof(seed: "linear") { Self.run(&$0) }
        #expect(bytes.count == 3 * 64 + LinearRelationProof.byteCount)
        #expect(HidingFixture.verify(bytes, Self.check) == nil)
    }

    @Test("a false relation is rejected")
    func falseRelation() {
        // The prover's own assertion is off in release builds; build the false stream by hand.
        var prover = HidingProver(transcript: Transcript(domain: HidingFixture.domain), random: ProverRandomness(derivedFrom: "false"))
        _ = prover.commit([Fr(41), Fr(-7), Fr(1000)])
        prover.finish()
        #expect(HidingFixture.verify(prover.writer.bytes, Self.check) == .linearRelationsFailed(count: 2))
    }

    @Test("every flipped byte and every truncation is rejected without a crash")
    func tampering() {
        let bytes = HidingFixture.proof(seed: "linear") { Self.run(&$0) }
        for index in bytes.indices {
            for xor: UInt8 in [0x01, 0x80] {
                var copy = bytes
                copy[index] ^= xor
                #expect(HidingFixture.verify(copy, Self.check) != nil, "byte \(index) ^ \(xor) accepted")
            }
        }
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(HidingFixture.verify(Array(bytes[..<length]), Self.check) != nil, "truncation to \(length) accepted")
        }
    }

    @Test("the commitments are the naive x·U + β·H")
    func commitmentsMatchNaive() throws {
        var random = ProverRandomness(derivedFrom: "naive")
        var replay = random
        var prover = HidingProver(transcript: Transcript(domain: "t"), random: random)
        let values = [Fr(0), Fr(1), Fr(-1), Fr(123_456_789)]
        _ = prover.commit(values)
        let blindings = values.map { _ in Fr.random(using: &replay) }
        var reader = ByteReader(prover.writer.bytes)
        for (value, blinding) in zip(values, blindings) {
            let point = try G1Affine(uncompressed: try reader.readRaw(64, "point"))
            let expected = (PedersenGenerators.value.multiplied(by: value) + PedersenGenerators.blinding.multiplied(by: blinding)).affine
            #expect(point == expected)
        }
        _ = random.next()
    }
}
