import ZKAlgebra

/// Proves a batch of product sumcheck claims over the same hypercube in one run.
///
/// Each round binds the highest remaining variable (contiguous halves, so folding is in place and
/// parallel); the batched claims share round polynomials through random coefficients 1, α, α²….
public enum SumcheckProver {
    public static func prove(
        _ claims: [ProductSumcheckClaim], transcript: inout Transcript
    ) -> (proof: SumcheckProof, result: SumcheckResult) {
        var factors = [DenseMultilinearPolynomial]()
        var shared = [SharedProductClaim]()
        for claim in claims {
            shared.append(SharedProductClaim(factorIndices: Array(factors.count..<(factors.count + claim.factors.count)),
                                             claimedSum: claim.claimedSum))
            factors.append(contentsOf: claim.factors)
        }
        return prove(factors: factors, claims: shared, transcript: &transcript)
    }

    /// Claims that name their factors by index into `factors`, so a polynomial used by several
    /// claims is folded once (LogUp's layers share eq and every numerator and denominator).
    /// The proof is the same as for the claims with their factors written out.
    public static func prove(
        factors: [DenseMultilinearPolynomial], claims: [SharedProductClaim], transcript: inout Transcript
    ) -> (proof: SumcheckProof, result: SumcheckResult) {
        precondition(factors.allSatisfy { $0.variableCount == factors[0].variableCount },
                     "every factor needs the same number of variables")
        return prove(tables: factors.map { FoldingTable($0.evaluations) },
                     variableCount: factors.first?.variableCount ?? 0, claims: claims, transcript: &transcript)
    }

    /// The same over tables the caller built (LogUp fills them straight from its trees).
    static func prove(
        tables: [FoldingTable], variableCount: Int, claims: [SharedProductClaim], transcript: inout Transcript
    ) -> (proof: SumcheckProof, result: SumcheckResult) {
        precondition(!claims.isEmpty, "sumcheck needs at least one claim")
        precondition(tables.allSatisfy { $0.storage.count == 1 << variableCount }
                     && claims.allSatisfy { claim in
                         (1...SumcheckStatement.maximumFactorCount).contains(claim.factorIndices.count)
                             && claim.factorIndices.allSatisfy { tables.indices.contains($0) }
                     }, "every claim needs 1…\(SumcheckStatement.maximumFactorCount) factors over the same number of variables")

        let statement = SumcheckStatement(
            variableCount: variableCount,
            claimedSums: claims.map(\.claimedSum),
            factorCounts: claims.map(\.factorIndices.count))
        let degree = statement.degree
        let coefficients = SumcheckTranscript.begin(statement, &transcript)
        var current = Fr.innerProduct(coefficients, statement.claimedSums)

        let products = claims.map(\.factorIndices)
        var roundEvaluations = [[Fr]]()
        var challenges = [Fr]()
        var length = 1 << variableCount

        // Round k's polynomial is computed in the same pass that binds round k−1's challenge
        // (fold and evaluate fused), so each round reads the tables once.
        var pendingChallenge: Fr?
        for _ in 0..<variableCount {
            let half = length / 2
            var evaluations = Self.roundSums(tables, products: products, coefficients: coefficients, half: half,
                                             degree: degree, foldingFirst: pendingChallenge)
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
            for table in tables { table.foldHighHalf(half: 1, challenge: challenge) }
        }

        let finalEvaluations = products.map { indices in indices.map { tables[$0].storage[0] } }
        SumcheckTranscript.finish(finalEvaluations, &transcript)
        let point = Array(challenges.reversed())
        let result = SumcheckResult(
            point: point,
            claims: finalEvaluations.map { values in values.map { EvaluationClaim(point: point, value: $0) } })
        return (SumcheckProof(roundEvaluations: roundEvaluations, finalEvaluations: finalEvaluations), result)
    }

    /// Σ_c coefficient_c · Σ_{i < half} Π_{j ∈ products[c]} line_j(t) at t = 0, 2, 3, …, degree
    /// (index 1 is left zero), where line_j(t) = P_j[i] + t·(P_j[i + half] − P_j[i]).
    ///
    /// With `foldingFirst = r`, the tables still hold 4·half entries from the previous round and
    /// are first bound at r (entry x ← P[x] + r·(P[x + 2·half] − P[x])) in the same pass: iteration
    /// i touches only indices i, i + half and their partners 2·half above, so chunks stay disjoint.
    static func roundSums(
        _ tables: [FoldingTable], products: [[Int]], coefficients: [Fr], half: Int, degree: Int, foldingFirst: Fr?
    ) -> [Fr] {
        let pointers = tables.map { $0.storage.baseAddress! }
        let points = degree + 1
        let partials = Parallel.mapChunks(count: half, minimumChunk: 1 << 12) { range -> [Fr] in
            var sums = [Fr](repeating: .zero, count: products.count * points)
            var lines = [Fr](repeating: .zero, count: pointers.count * points)
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
                lines.withUnsafeMutableBufferPointer { lines in
                    if products.count == 1 && products[0].count == 2 && degree == 2 && products[0][0] != products[0][1] {
                        // The common f·g (and eq·f) case, without the generic bookkeeping.
                        let f = pointers[products[0][0]], g = pointers[products[0][1]]
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
                            let base = j * points
                            lines[base] = low
                            var value = high
                            if degree >= 2 {
                                for t in 2...degree {
                                    value = value + step
                                    lines[base + t] = value
                                }
                            }
                        }
                        for (c, indices) in products.enumerated() {
                            let target = c * points
                            for t in 0..<points where t != 1 {
                                var product = lines[indices[0] * points + t]
                                for k in 1..<indices.count { product = product * lines[indices[k] * points + t] }
                                sums[target + t] = sums[target + t] + product
                            }
                        }
                    }
                }
            }
            return sums
        }
        var total = [Fr](repeating: .zero, count: points)
        for partial in partials {
            for c in products.indices {
                for t in 0..<points where t != 1 { total[t] = total[t] + coefficients[c] * partial[c * points + t] }
            }
        }
        return total
    }
}

/// A batched claim whose factors are indices into a shared list of polynomials.
public struct SharedProductClaim: Sendable {
    public var factorIndices: [Int]
    public var claimedSum: Fr

    public init(factorIndices: [Int], claimedSum: Fr) {
        self.factorIndices = factorIndices
        self.claimedSum = claimedSum
    }
}

/// A polynomial's evaluation table that shrinks in place as variables are bound.
final class FoldingTable: @unchecked Sendable {
    // Owned exclusively by one prover run; workers touch disjoint index ranges.
    let storage: UnsafeMutableBufferPointer<Fr>

    init(_ values: some Collection<Fr>) {
        storage = .allocate(capacity: values.count)
        _ = storage.initialize(from: values)
    }

    deinit { storage.deallocate() }

    func foldHighHalf(half: Int, challenge: Fr) {
        DenseMultilinearPolynomial.foldHighHalf(storage, half: half, challenge: challenge)
    }
}
