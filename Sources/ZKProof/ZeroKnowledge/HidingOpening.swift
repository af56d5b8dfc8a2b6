import ZKAlgebra

/// Openings of a Pedersen (Hyrax-layout) commitment at claims whose values are committed values:
/// the value commitment each inner-product argument proves is the one the verifier computes from
/// the claim's linear form (Σ a_k·V_k + c·U), so nothing about the value is revealed.
public enum HidingOpening {
    /// One inner-product argument per claim, in lockstep (the registered weights: their claims sit
    /// on different segments, and batching them first would cost a sumcheck over all weights).
    public static func prove(
        _ data: PedersenCommitmentScheme.ProverData, claims: [CommittedClaim], _ prover: inout HidingProver
    ) -> PedersenCommitmentScheme.OpeningProof {
        let blindings = claims.map { prover.blinding(of: $0.value) }
        let (values, _, proof) = PedersenCommitmentScheme().openCommitted(
            data, at: claims.map(\.point), valueBlindings: blindings, transcript: &prover.transcript, random: &prover.random)
        assert(zip(values, claims).allSatisfy { $0 == prover.value(of: $1.value) }, "prover claimed a wrong value")
        return proof
    }

    public static func verify(
        _ commitment: PedersenCommitmentScheme.Commitment, claims: [CommittedClaim], _ verifier: inout HidingVerifier
    ) throws(HidingVerificationError) {
        for (index, claim) in claims.enumerated() where claim.point.count != commitment.variableCount {
            throw .rejected(.openingPointDimensionMismatch(claim: index, expected: commitment.variableCount, got: claim.point.count))
        }
        let proof: PedersenCommitmentScheme.OpeningProof
        do {
            proof = try PedersenCommitmentScheme.OpeningProof(decoding: &verifier.reader, layout: commitment.layout, claimCount: claims.count)
        } catch { throw .malformed(error) }
        var values = [G1Projective]()
        for claim in claims { values.append(try verifier.commitment(of: claim.value)) }
        let valueCommitments = G1Projective.batchAffine(values)
        verifier.record(.init(transcript: verifier.transcript, commitment: commitment, points: claims.map(\.point),
                              valueCommitments: valueCommitments, proof: proof))
        verifier.reveal(proof.arguments.flatMap { [$0.finalScalar, $0.finalBlinding] })
        do {
            try PedersenCommitmentScheme().verifyCommitted(commitment, points: claims.map(\.point), valueCommitments: valueCommitments,
                                                           proof: proof, transcript: &verifier.transcript)
        } catch { throw .rejected(error) }
    }

    /// Many claims on one polynomial (the per-proof witness): a zero-knowledge batching sumcheck
    /// turns Σ_j α^j·f(r_j) into f(ρ)·W(ρ) with W = Σ_j α^j·eq(r_j, ·) public, then one argument
    /// opens f at ρ (see `EvaluationClaimBatching`, whose plain form this is).
    public static func proveBatched(
        _ data: PedersenCommitmentScheme.ProverData, claims: [CommittedClaim], _ prover: inout HidingProver
    ) -> PedersenCommitmentScheme.OpeningProof {
        let alpha = prover.transcript.challengeScalar(.pcsBatching)
        let points = claims.map(\.point)
        let weights = EvaluationClaimBatching.weightTable(points: points, alpha: alpha, size: data.evaluations.count)
        let statement = batchingStatement(claims, alpha: alpha, variableCount: data.commitment.variableCount)
        let result = HidingSumcheck.prove(statement, factors: [DenseMultilinearPolynomial(evaluations: data.evaluations),
                                                               DenseMultilinearPolynomial(evaluations: weights)], &prover)
        return prove(data, claims: [CommittedClaim(point: result.point, value: result.factors[0])], &prover)
    }

    public static func verifyBatched(
        _ commitment: PedersenCommitmentScheme.Commitment, claims: [CommittedClaim], _ verifier: inout HidingVerifier
    ) throws(HidingVerificationError) {
        for (index, claim) in claims.enumerated() where claim.point.count != commitment.variableCount {
            throw .rejected(.openingPointDimensionMismatch(claim: index, expected: commitment.variableCount, got: claim.point.count))
        }
        let alpha = verifier.transcript.challengeScalar(.pcsBatching)
        let points = claims.map(\.point)
        let statement = batchingStatement(claims, alpha: alpha, variableCount: commitment.variableCount)
        let result = try HidingSumcheck.verify(statement, publicValues: { [EvaluationClaimBatching.weight(points: points, alpha: alpha, at: $0)] },
                                               &verifier, "opening's batching sumcheck")
        try verify(commitment, claims: [CommittedClaim(point: result.point, value: result.factors[0])], &verifier)
    }

    static func batchingStatement(_ claims: [CommittedClaim], alpha: Fr, variableCount: Int) -> HidingSumcheckStatement {
        let sum = CommittedValue.combination(claims.map(\.value), weights: EvaluationClaimBatching.powers(of: alpha, count: claims.count))
        return HidingSumcheckStatement(variableCount: variableCount, factorCount: 2, claims: [.init(factors: [0, 1], claimedSum: sum)],
                                       publicFactors: [1])
    }
}
