import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// One rejection per way an opening can be wrong; none may trap.
@Suite("Pedersen opening rejections")
struct PedersenRejectionTests {
    let fixture = PedersenFixture(variableCount: 8, claimCount: 2, small: true, seed: 99)

    @Test func wrongValue() {
        var claims = fixture.claims
        claims[1].value += .one
        #expect(throws: VerificationError.openingArgumentInvalid(claims: 2)) { try fixture.verify(claims: claims) }
    }

    @Test func wrongPoint() {
        var claims = fixture.claims
        claims[0].point[3] += .one
        #expect(throws: VerificationError.openingArgumentInvalid(claims: 2)) { try fixture.verify(claims: claims) }
        claims = fixture.claims
        claims[0].point.removeLast()
        #expect(throws: VerificationError.openingPointDimensionMismatch(claim: 0, expected: 8, got: 7)) { try fixture.verify(claims: claims) }
    }

    @Test func tamperedRowCommitment() {
        var commitment = fixture.commitment
        commitment.rows[2] = (commitment.rows[2].projective + G1Affine.generator.projective).affine
        #expect(throws: VerificationError.openingArgumentInvalid(claims: 2)) { try fixture.verify(commitment: commitment) }
        commitment = fixture.commitment
        commitment.rows.removeLast()
        #expect(throws: VerificationError.commitmentShapeMismatch(what: "row commitments", expected: 16, got: 15)) {
            try fixture.verify(commitment: commitment)
        }
    }

    @Test func tamperedArgumentElements() {
        let g = G1Affine.generator.projective
        var tampered = [PedersenCommitmentScheme.OpeningProof]()
        func variant(_ change: (inout InnerProductArgument) -> Void) {
            var proof = fixture.proof
            change(&proof.arguments[1])
            tampered.append(proof)
        }
        variant { $0.left[0] = ($0.left[0].projective + g).affine }
        variant { $0.right[3] = ($0.right[3].projective + g).affine }
        variant { $0.finalCommitment = ($0.finalCommitment.projective + g).affine }
        variant { $0.finalScalar += .one }
        variant { $0.finalBlinding += .one }
        variant { swap(&$0.left[0], &$0.right[0]) }
        variant { $0.left.removeLast() }
        for (index, proof) in tampered.enumerated() {
            #expect(throws: VerificationError.self, "variant \(index)") { try fixture.verify(proof: proof) }
        }
        // Claims swapped against their arguments (the transcript order matters).
        #expect(throws: VerificationError.self) { try fixture.verify(claims: fixture.claims.reversed()) }
        #expect(throws: VerificationError.openingClaimCountMismatch(expected: 2, got: 1)) {
            try fixture.verify(claims: [fixture.claims[0]])
        }
    }

    @Test func truncatedAndCorruptedProofBytes() {
        let bytes = fixture.encodedProof
        expectEvery(stride(from: 0, to: bytes.count, by: 7), "every truncation is a decoding error") { length in
            (try? fixture.decodeProof(Array(bytes[..<length]))) == nil
        }
        #expect((try? fixture.decodeProof(bytes + [0])) == nil, "trailing byte")
        // Any single corrupted byte: a decoding error or a rejected opening, never acceptance.
        var generator = SeededGenerator(defaultSeed: 123)
        expectEvery(0..<300, "random byte corruptions are refused") { _ in
            var corrupted = bytes
            let offset = Int(generator.next() % UInt64(bytes.count))
            corrupted[offset] ^= UInt8(1 + generator.next() % 255)
            guard let proof = try? fixture.decodeProof(corrupted) else { return true }
            return (try? fixture.verify(proof: proof)) == nil
        }
    }
}
