import ZKAlgebra

/// Proves that every form in a list of linear forms over committed scalars is zero, in one
/// Schnorr proof: with λ drawn after every commitment, F = Σ_j λ^j·rel_j is zero when all are
/// (and otherwise non-zero except with probability ≤ (m − 1)/|F|); the commitment the verifier
/// computes for F is then b·H for the prover's combined blinding b, and the prover shows it
/// knows b: T = s·H, challenge e, z = s + e·b. A prover that knew such a b for a non-zero F would
/// know a discrete-log relation between U and H. Zero knowledge: z is uniform (s is), and T
/// follows from z, e and the statement.
public struct LinearRelationProof: Sendable, Equatable {
    public var nonceCommitment: G1Affine
    public var response: Fr

    /// The nonce commitment (uncompressed) and the response.
    public static let byteCount = 96

    static func prove(
        _ relations: [CommittedValue], blindings: [Fr], transcript: inout Transcript, random: inout ProverRandomness
    ) -> LinearRelationProof {
        let weights = batchingWeights(count: relations.count, &transcript)
        var blinding = Fr.zero
        for (relation, weight) in zip(relations, weights) {
            blinding = blinding + weight * relation.evaluate(blindings, includingConstant: false)
        }
        let nonce = Fr.random(using: &random)
        let nonceCommitment = ScalarCommitment.blinding.multiply(nonce).affine
        transcript.absorb(.hidingRelationNonce, bytes: nonceCommitment.uncompressed)
        let challenge = transcript.challengeScalar(.hidingRelationChallenge)
        return LinearRelationProof(nonceCommitment: nonceCommitment, response: nonce + challenge * blinding)
    }

    /// The check e·(Σ_j λ^j·commitment(rel_j)) + T − z·H = 0, for the verifier's batched MSM.
    func equation(_ relations: [CommittedValue], commitmentCount: Int, transcript: inout Transcript) -> GroupEquation {
        let weights = Self.batchingWeights(count: relations.count, &transcript)
        transcript.absorb(.hidingRelationNonce, bytes: nonceCommitment.uncompressed)
        let challenge = transcript.challengeScalar(.hidingRelationChallenge)
        var equation = GroupEquation(failure: .linearRelationsFailed(count: relations.count))
        for (relation, weight) in zip(relations, weights) { equation.add(relation, scaledBy: challenge * weight) }
        equation.terms.append((.blinding, -response))
        equation.terms.append((.point(nonceCommitment), .one))
        return equation
    }

    static func batchingWeights(count: Int, _ transcript: inout Transcript) -> [Fr] {
        transcript.absorb(.hidingRelationStatement, uint64: UInt64(count))
        return EvaluationClaimBatching.powers(of: transcript.challengeScalar(.hidingRelationBatching), count: count)
    }

    func encode(into writer: inout ByteWriter) {
        writer.write(raw: nonceCommitment.uncompressed)
        writer.write(response)
    }

    init(nonceCommitment: G1Affine, response: Fr) {
        self.nonceCommitment = nonceCommitment
        self.response = response
    }

    init(decoding reader: inout ByteReader) throws(DecodingError) {
        nonceCommitment = try reader.readUncompressedPoint("linear relation proof nonce commitment")
        response = try reader.readField("linear relation proof response")
    }
}
