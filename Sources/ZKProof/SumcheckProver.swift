import ZKAlgebra

/// Proves a batch of product sumcheck claims over the same hypercube in one run.
///
/// Each round binds the highest remaining variable (contiguous halves, so folding is in place and
/// parallel); the batched claims share round polynomials through random coefficients 1, α, α²….
public enum SumcheckProver {
    public static func prove(
        _ claims: [ProductSumcheckClaim], transcript: inout Transcript
    ) -> (proof: SumcheckProof, result: SumcheckResult) {
        precondition(!claims.isEmpty, "sumcheck needs at least one claim")
        let variableCount = claims[0].factors.first?.variableCount ?? 0
        precondition(claims.allSatisfy { claim in
            (1...SumcheckStatement.maximumFactorCount).contains(claim.factors.count)
                && claim.factors.allSatisfy { $0.variableCount == variableCount }
        }, "every claim needs 1…\(SumcheckStatement.maximumFactorCount) factors over the same number of variables")

        let statement = SumcheckStatement(
            variableCount: variableCount,
            claimedSums: claims.map(\.claimedSum),
            factorCounts: claims.map(\.factors.count))
        let degree = statement.degree
        let coefficients = SumcheckTranscript.begin(statement, &transcript)
        var current = zip(coefficients, statement.claimedSums).reduce(Fr.zero) { $0 + $1.0 * $1.1 }

        let tables = claims.map { claim in claim.factors.map { FoldingTable($0.evaluations) } }
        var roundEvaluations = [[Fr]]()
        var challenges = [Fr]()
        var length = 1 << variableCount

        // Round k's polynomial is computed in the same pass that binds round k−1's challenge
        // (fold and evaluate fused), so each round reads the tables once.
        var pendingChallenge: Fr?
        for _ in 0..<variableCount {
            let half = length / 2
            var evaluations = [Fr](repeating: .zero, count: degree + 1)
            for (claim, factors) in tables.enumerated() {
                let partial = Self.roundSums(factors, half: half, degree: degree, foldingFirst: pendingChallenge)
                for t in 0...degree where t != 1 { evaluations[t] = evaluations[t] + coefficients[claim] * partial[t] }
            }
            // g(0) + g(1) must equal the running claim; deriving g(1) saves a product per pair.
            evaluations[1] = current - evaluations[0]
            let challenge = SumcheckTranscript.round(evaluations, &transcript)
            current = UnivariateInterpolation.evaluate(evaluationsAtIntegers: evaluations, at: challenge)
            roundEvaluations.append(evaluations)
            challenges.append(challenge)
            pendingChallenge = challenge
            length = half
        }
        if let challenge = pendingChallenge {
            for factors in tables { for table in factors { table.foldHighHalf(half: 1, challenge: challenge) } }
        }

        let finalEvaluations = tables.map { factors in factors.map { $0.storage[0] } }
        SumcheckTranscript.finish(finalEvaluations, &transcript)
        let point = Array(challenges.reversed())
        let result = SumcheckResult(
            point: point,
            claims: finalEvaluations.map { values in values.map { EvaluationClaim(point: point, value: $0) } })
        return (SumcheckProof(roundEvaluations: roundEvaluations, finalEvaluations: finalEvaluations), result)
    }

    /// Σ_{i < half} Π_j line_j(t) at t = 0, 2, 3, …, degree (index 1 is left zero), where
    /// line_j(t) = P_j[i] + t·(P_j[i + half] − P_j[i]).
    ///
    /// With `foldingFirst = r`, the tables still hold 4·half entries from the previous round and
    /// are first bound at r (entry x ← P[x] + r·(P[x + 2·half] − P[x])) in the same pass: iteration
    /// i touches only indices i, i + half and their partners 2·half above, so chunks stay disjoint.
    static func roundSums(_ factors: [FoldingTable], half: Int, degree: Int, foldingFirst: Fr?) -> [Fr] {
        let pointers = factors.map { $0.storage.baseAddress! }
        let partials = Parallel.mapChunks(count: half, minimumChunk: 1 << 12) { range -> [Fr] in
            var sums = [Fr](repeating: .zero, count: degree + 1)
            var products = [Fr](repeating: .zero, count: degree + 1)
            @inline(__always)
            func pair(_ factor: UnsafeMutablePointer<Fr>, _ i: Int) -> (Fr, Fr) {
                guard let r = foldingFirst else { return (factor[i], factor[i + half]) }
                let low = factor[i] + r * (factor[i + 2 * half] - factor[i])
                let high = factor[i + half] + r * (factor[i + 3 * half] - factor[i + half])
                factor[i] = low
                factor[i + half] = high
                return (low, high)
            }
            sums.withUnsafeMutableBufferPointer { sums in
                products.withUnsafeMutableBufferPointer { products in
                    if pointers.count == 2 && degree == 2 {
                        // The common f·g (and eq·f) case, without the generic bookkeeping.
                        let f = pointers[0], g = pointers[1]
                        for i in range {
                            let (f0, f1) = pair(f, i)
                            let (g0, g1) = pair(g, i)
                            sums[0] = sums[0] + f0 * g0
                            sums[2] = sums[2] + (f1 + f1 - f0) * (g1 + g1 - g0)
                        }
                        return
                    }
                    for i in range {
                        for (j, factor) in pointers.enumerated() {
                            let (low, high) = pair(factor, i)
                            let step = high - low
                            products[0] = j == 0 ? low : products[0] * low
                            var value = high
                            if degree >= 2 {
                                for t in 2...degree {
                                    value = value + step
                                    products[t] = j == 0 ? value : products[t] * value
                                }
                            }
                        }
                        sums[0] = sums[0] + products[0]
                        if degree >= 2 { for t in 2...degree { sums[t] = sums[t] + products[t] } }
                    }
                }
            }
            return sums
        }
        var total = [Fr](repeating: .zero, count: degree + 1)
        for partial in partials { for t in 0...degree { total[t] = total[t] + partial[t] } }
        return total
    }
}

/// A polynomial's evaluation table that shrinks in place as variables are bound.
final class FoldingTable: @unchecked Sendable {
    // Owned exclusively by one prover run; workers touch disjoint index ranges.
    let storage: UnsafeMutableBufferPointer<Fr>

    init(_ values: [Fr]) {
        storage = .allocate(capacity: values.count)
        _ = storage.initialize(from: values)
    }

    deinit { storage.deallocate() }

    func foldHighHalf(half: Int, challenge: Fr) {
        DenseMultilinearPolynomial.foldHighHalf(storage, half: half, challenge: challenge)
    }
}
