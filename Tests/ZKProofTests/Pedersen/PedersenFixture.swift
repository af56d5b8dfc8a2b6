import ZKAlgebra
import ZKProof
import ZKTestSupport

/// A committed polynomial with claims at random points, opened once; tests tamper with copies.
struct PedersenFixture {
    let scheme = PedersenCommitmentScheme()
    let polynomial: DenseMultilinearPolynomial
    let commitment: PedersenCommitmentScheme.Commitment
    let data: PedersenCommitmentScheme.ProverData
    let claims: [EvaluationClaim]
    let proof: PedersenCommitmentScheme.OpeningProof

    /// `small`: int8 entries (the weights case) rather than full-width field elements.
    init(variableCount: Int, claimCount: Int, small: Bool, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let entries: [Fr] = (0..<(1 << variableCount)).map { _ in
            small ? Fr(Int64(Int8(truncatingIfNeeded: generator.next()))) : Fr.random(using: &generator)
        }
        polynomial = DenseMultilinearPolynomial(evaluations: entries)
        (commitment, data) = scheme.commit(polynomial, random: &generator)
        let points = (0..<claimCount).map { _ in (0..<variableCount).map { _ in Fr.random(using: &generator) } }
        var transcript = Transcript(domain: "pedersen-test")
        let (values, proof) = scheme.open(data, at: points, transcript: &transcript, random: &generator)
        claims = zip(points, values).map { EvaluationClaim(point: $0, value: $1) }
        self.proof = proof
    }

    func verify(
        commitment: PedersenCommitmentScheme.Commitment? = nil, claims: [EvaluationClaim]? = nil,
        proof: PedersenCommitmentScheme.OpeningProof? = nil
    ) throws(VerificationError) {
        var transcript = Transcript(domain: "pedersen-test")
        try scheme.verify(commitment ?? self.commitment, claims: claims ?? self.claims, proof: proof ?? self.proof, transcript: &transcript)
    }

    var encodedProof: [UInt8] {
        var writer = ByteWriter()
        proof.encode(into: &writer)
        return writer.bytes
    }

    func decodeProof(_ bytes: [UInt8]) throws(DecodingError) -> PedersenCommitmentScheme.OpeningProof {
        try ByteReader.decodeWhole(bytes) { reader throws(DecodingError) in
            try PedersenCommitmentScheme.OpeningProof(decoding: &reader, layout: commitment.layout, claimCount: claims.count)
        }
    }
}
