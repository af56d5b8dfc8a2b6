import ZKAlgebra

/// Reduces several evaluation claims on one multilinear f to a single claim at a fresh random
/// point: with α from the transcript, Σ_j α^j f(r_j) = Σ_x f(x)·W(x) where
/// W = Σ_j α^j eq(r_j, ·), which a degree-2 sumcheck turns into f(ρ)·W(ρ); the verifier computes
/// W(ρ) itself. Any commitment scheme can then open f at ρ alone.
enum EvaluationClaimBatching {
    static func prove(
        _ polynomial: DenseMultilinearPolynomial, points: [[Fr]], values: [Fr], transcript: inout Transcript
    ) -> (proof: SumcheckProof, reduced: EvaluationClaim) {
        let alpha = transcript.challengeScalar(.pcsBatching)
        var weights = [Fr](repeating: .zero, count: polynomial.evaluations.count)
        var power = Fr.one
        var claimedSum = Fr.zero
        for (point, value) in zip(points, values) {
            // Claims lifted from a segment have Boolean high coordinates: eq is zero outside it.
            let (prefixCount, block) = EqualityPolynomial.subcube(of: point)
            let table = EqualityPolynomial.table(at: Array(point[..<prefixCount]))
            let start = block << prefixCount
            weights.withUnsafeMutableBufferPointer { target in
                table.withUnsafeBufferPointer { source in
                    let scale = power
                    Parallel.forEachChunk(count: source.count, minimumChunk: 1 << 14) { range in
                        for i in range { target[start + i] = target[start + i] + scale * source[i] }
                    }
                }
            }
            claimedSum = claimedSum + power * value
            power = power * alpha
        }
        let claim = ProductSumcheckClaim(
            factors: [polynomial, DenseMultilinearPolynomial(evaluations: weights)], claimedSum: claimedSum)
        let (proof, result) = SumcheckProver.prove([claim], transcript: &transcript)
        return (proof, result.claims[0][0])
    }

    static func verify(
        claims: [EvaluationClaim], variableCount: Int, proof: SumcheckProof, transcript: inout Transcript
    ) throws(VerificationError) -> EvaluationClaim {
        let alpha = transcript.challengeScalar(.pcsBatching)
        var power = Fr.one
        var claimedSum = Fr.zero
        for claim in claims {
            claimedSum = claimedSum + power * claim.value
            power = power * alpha
        }
        let statement = SumcheckStatement(variableCount: variableCount, claimedSums: [claimedSum], factorCounts: [2])
        let result = try SumcheckVerifier.verify(statement, proof: proof, transcript: &transcript)
        var expectedWeight = Fr.zero
        power = .one
        for claim in claims {
            expectedWeight = expectedWeight + power * EqualityPolynomial.evaluate(claim.point, result.point)
            power = power * alpha
        }
        let weight = result.claims[0][1].value
        guard weight == expectedWeight else { throw .openingEvaluationMismatch(expected: expectedWeight, got: weight) }
        return result.claims[0][0]
    }
}
