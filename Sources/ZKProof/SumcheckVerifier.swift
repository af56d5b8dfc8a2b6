import ZKAlgebra

/// Checks a batched product sumcheck and returns the evaluation claims it leaves behind; the
/// caller must discharge them (by evaluating itself or through the commitment scheme).
public enum SumcheckVerifier {
    public static func verify(
        _ statement: SumcheckStatement, proof: SumcheckProof, transcript: inout Transcript
    ) throws(VerificationError) -> SumcheckResult {
        try statement.validate()
        let coefficients = SumcheckTranscript.begin(statement, &transcript)
        var current = Fr.innerProduct(coefficients, statement.claimedSums)

        let rounds = statement.variableCount
        guard proof.roundEvaluations.count == rounds else {
            throw .sumcheckRoundCountMismatch(expected: rounds, got: proof.roundEvaluations.count)
        }
        var challenges = [Fr]()
        challenges.reserveCapacity(rounds)
        for (round, evaluations) in proof.roundEvaluations.enumerated() {
            guard evaluations.count == statement.degree + 1 else {
                throw .sumcheckDegreeMismatch(round: round, expected: statement.degree + 1, got: evaluations.count)
            }
            let sum = evaluations[0] + evaluations[1]
            guard sum == current else { throw .sumcheckRoundSumMismatch(round: round, expected: current, got: sum) }
            let challenge = SumcheckTranscript.round(evaluations, &transcript)
            current = UnivariateInterpolation.evaluate(evaluationsAtIntegers: evaluations, at: challenge)
            challenges.append(challenge)
        }

        guard proof.finalEvaluations.count == statement.factorCounts.count else {
            throw .sumcheckClaimCountMismatch(expected: statement.factorCounts.count, got: proof.finalEvaluations.count)
        }
        var combined = Fr.zero
        for (claim, values) in proof.finalEvaluations.enumerated() {
            guard values.count == statement.factorCounts[claim] else {
                throw .sumcheckFinalShapeMismatch(claim: claim, expectedFactors: statement.factorCounts[claim], got: values.count)
            }
            combined = combined + coefficients[claim] * values.reduce(Fr.one, *)
        }
        guard combined == current else { throw .sumcheckFinalEvaluationMismatch(expected: current, got: combined) }
        SumcheckTranscript.finish(proof.finalEvaluations, &transcript)

        // Round k bound x_{n-1-k}; the point lists x_0 first.
        let point = Array(challenges.reversed())
        let claims = proof.finalEvaluations.map { values in values.map { EvaluationClaim(point: point, value: $0) } }
        return SumcheckResult(point: point, claims: claims)
    }
}
