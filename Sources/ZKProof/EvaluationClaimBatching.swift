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
        let weights = weightTable(points: points, alpha: alpha, size: polynomial.evaluations.count)
        let claimedSum = Fr.innerProduct(powers(of: alpha, count: values.count), values)
        let claim = ProductSumcheckClaim(
            factors: [polynomial, DenseMultilinearPolynomial(evaluations: weights)], claimedSum: claimedSum)
        let (proof, result) = SumcheckProver.prove([claim], transcript: &transcript)
        return (proof, result.claims[0][0])
    }

    static func verify(
        claims: [EvaluationClaim], variableCount: Int, proof: SumcheckProof, transcript: inout Transcript
    ) throws(VerificationError) -> EvaluationClaim {
        let alpha = transcript.challengeScalar(.pcsBatching)
        let claimedSum = Fr.innerProduct(powers(of: alpha, count: claims.count), claims.map(\.value))
        let statement = SumcheckStatement(variableCount: variableCount, claimedSums: [claimedSum], factorCounts: [2])
        let result = try SumcheckVerifier.verify(statement, proof: proof, transcript: &transcript)
        let expectedWeight = weight(points: claims.map(\.point), alpha: alpha, at: result.point)
        let weight = result.claims[0][1].value
        guard weight == expectedWeight else { throw .openingEvaluationMismatch(expected: expectedWeight, got: weight) }
        return result.claims[0][0]
    }

    /// W = Σ_j α^j·eq(points[j], ·) as a table of `size` entries.
    package static func weightTable(points: [[Fr]], alpha: Fr, size: Int) -> [Fr] {
        var weights = [Fr](repeating: .zero, count: size)
        for (point, power) in zip(points, powers(of: alpha, count: points.count)) {
            // Claims lifted from a segment have Boolean high coordinates: eq is zero outside it.
            let (prefixCount, block) = EqualityPolynomial.subcube(of: point)
            let table = EqualityPolynomial.table(at: Array(point[..<prefixCount]))
            let start = block << prefixCount
            weights.withUnsafeMutableBufferPointer { target in
                table.withUnsafeBufferPointer { source in
                    Parallel.forEachChunk(count: source.count, minimumChunk: 1 << 14) { range in
                        for i in range { target[start + i] = target[start + i] + power * source[i] }
                    }
                }
            }
        }
        return weights
    }

    /// W(ρ) = Σ_j α^j·eq(points[j], ρ): the verifier's side of `weightTable`.
    package static func weight(points: [[Fr]], alpha: Fr, at rho: [Fr]) -> Fr {
        zip(points, powers(of: alpha, count: points.count)).reduce(Fr.zero) { $0 + $1.1 * EqualityPolynomial.evaluate($1.0, rho) }
    }

    package static func powers(of alpha: Fr, count: Int) -> [Fr] {
        var powers = [Fr]()
        powers.reserveCapacity(count)
        var power = Fr.one
        for _ in 0..<count {
            powers.append(power)
            power = power * alpha
        }
        return powers
    }
}
