import Testing
import ZKAlgebra
import ZKML
import ZKProof

/// The zero-knowledge parts of an inference proof, tampered one at a time: sigma-protocol
/// responses, the final Schnorr proof of the linear relations, and commitments replaced by other
/// valid points. Each is rejected with the error that names it.
@Suite("Inference proof rejections: zero-knowledge messages")
struct ZeroKnowledgeRejectionTests {
    /// Where each revealed field element sits in the body (they are distinct 32-byte strings).
    static func offsets(of scalars: [Fr], in body: [UInt8]) -> [Int] {
        scalars.compactMap { scalar in
            let bytes = scalar.canonicalBytes
            return stride(from: 0, to: body.count - 31, by: 1).first { body[$0..<($0 + 32)].elementsEqual(bytes) }
        }
    }

    static func verify(_ reference: ReferenceProof, body: [UInt8]) -> InferenceVerificationError? {
        var proof = reference.proof
        proof.body = body
        return TamperOutcome(proof: proof, descriptor: reference.descriptor).verificationError
    }

    /// Responses are absorbed into the transcript, so a changed one also changes every later
    /// challenge: the first check made at once (the witness opening) fails, before the deferred
    /// relation checks would name it.
    @Test("a changed sigma-protocol response is rejected")
    func tamperedRelationResponses() throws {
        let reference = try ReferenceProof.get()
        let (scalars, openings) = try InferenceVerifier.revealed(reference.proof, descriptor: reference.descriptor)
        // The relation proofs' responses come first; the openings' final scalars and the Schnorr
        // response last.
        let relationScalars = Array(scalars.prefix(scalars.count - 2 * openings.reduce(0) { $0 + $1.proof.arguments.count } - 1))
        let positions = Self.offsets(of: relationScalars, in: reference.proof.body)
        #expect(positions.count == relationScalars.count && positions.count > 20)
        for position in positions.enumerated().filter({ $0.offset % 7 == 0 }).map(\.element) {
            var body = reference.proof.body
            body[position] ^= 0x01  // the low byte: the value stays canonical
            let error = Self.verify(reference, body: body)
            switch error {
            case .rejected(at: .witnessOpening, .openingArgumentInvalid)?, .committedRelationFailed(at: .relations, _)?: continue
            default: Issue.record("response at \(position): \(String(describing: error))")
            }
        }
    }

    @Test("a changed Schnorr response or nonce of the linear relations is rejected")
    func tamperedLinearRelationProof() throws {
        let reference = try ReferenceProof.get()
        let body = reference.proof.body
        var response = body
        response[body.count - 32] ^= 0x01
        var nonce = body
        // The nonce commitment replaced by another valid point (the generator).
        nonce.replaceSubrange((body.count - 96)..<(body.count - 32), with: G1Affine.generator.uncompressed)
        for (what, tampered) in [("response", response), ("nonce", nonce)] {
            let error = Self.verify(reference, body: tampered)
            guard case let .committedRelationFailed(at: .relations, .linearRelationsFailed(count))? = error, count > 0 else {
                Issue.record("\(what): \(String(describing: error))")
                continue
            }
        }
        // An encoding that is not a point.
        var garbage = body
        garbage[body.count - 40] ^= 0x01
        guard case .malformedProof(at: .relations, _)? = Self.verify(reference, body: garbage) else {
            Issue.record("nonce off the curve: \(String(describing: Self.verify(reference, body: garbage)))")
            return
        }
    }

    @Test("a commitment replaced by another valid point is rejected")
    func replacedCommitments() throws {
        let reference = try ReferenceProof.get()
        let body = reference.proof.body
        let other = G1Affine.generator.multiplied(by: Fr(7)).affine.uncompressed
        // The first commitments of the body: the last layer's claims and sumcheck rounds.
        for index in [0, 1, 2, 5, 9] {
            var tampered = body
            tampered.replaceSubrange((64 * index)..<(64 * index + 64), with: other)
            let error = Self.verify(reference, body: tampered)
            #expect(error?.location != nil && error?.isModelMismatch == false, "commitment \(index): \(String(describing: error))")
        }
    }
}
