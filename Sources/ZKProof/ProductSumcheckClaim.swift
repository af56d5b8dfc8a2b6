import ZKAlgebra

/// The prover's side of one batched claim: Σ_{x ∈ {0,1}^n} Π_j factors[j](x) = claimedSum.
public struct ProductSumcheckClaim: Sendable {
    public var factors: [DenseMultilinearPolynomial]
    public var claimedSum: Fr

    public init(factors: [DenseMultilinearPolynomial], claimedSum: Fr) {
        self.factors = factors
        self.claimedSum = claimedSum
    }

    /// Computes the sum itself (for callers that have not derived it elsewhere).
    public init(factors: [DenseMultilinearPolynomial]) {
        let count = factors.first?.evaluations.count ?? 0
        var sum = Fr.zero
        for index in 0..<count { sum = sum + factors.reduce(Fr.one) { $0 * $1.evaluations[index] } }
        self.init(factors: factors, claimedSum: sum)
    }
}
