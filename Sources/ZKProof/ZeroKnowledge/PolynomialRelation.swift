import ZKAlgebra

/// A polynomial identity over committed values: Σ_c coefficient_c·Π_{j ∈ factors_c} x_j = y,
/// where x_j (`variables`) and y (`target`) are committed values and the coefficients public.
/// A sumcheck over hidden factors ends in one of these (its final check).
public struct PolynomialRelation: Sendable {
    public struct Term: Sendable {
        public var coefficient: Fr
        /// Indices into `variables`; repeats allowed (x_j²).
        public var factors: [Int]

        public init(coefficient: Fr, factors: [Int]) {
            self.coefficient = coefficient
            self.factors = factors
        }
    }

    public var variables: [CommittedValue]
    public var terms: [Term]
    public var target: CommittedValue

    public init(variables: [CommittedValue], terms: [Term], target: CommittedValue) {
        self.variables = variables
        self.terms = terms
        self.target = target
    }

    public var degree: Int { terms.map(\.factors.count).max() ?? 0 }

    /// Q(t) = Σ_c coefficient_c·t^(D − deg_c)·Π_{j ∈ c} (masks_j + t·values_j), coefficients in
    /// increasing powers of t (D + 1 of them). Homogenising every term to degree D makes the top
    /// coefficient equal to the relation's left side at `values`, whatever the masks.
    func maskedPolynomial(masks: [Fr], values: [Fr]) -> [Fr] {
        let degree = degree
        var total = [Fr](repeating: .zero, count: degree + 1)
        for term in terms {
            var product = [Fr](repeating: .zero, count: degree - term.factors.count)
            product.append(term.coefficient)
            for j in term.factors {
                var next = [Fr](repeating: .zero, count: product.count + 1)
                for (power, coefficient) in product.enumerated() {
                    next[power] = next[power] + coefficient * masks[j]
                    next[power + 1] = next[power + 1] + coefficient * values[j]
                }
                product = next
            }
            for power in product.indices { total[power] = total[power] + product[power] }
        }
        return total
    }

    /// Σ_c coefficient_c·c^(D − deg_c)·Π_{j ∈ c} z_j: Q(c) computed from the responses alone.
    func evaluateHomogenised(_ responses: [Fr], at challenge: Fr) -> Fr {
        let degree = degree
        var sum = Fr.zero
        for term in terms {
            var product = term.coefficient
            for _ in 0..<(degree - term.factors.count) { product = product * challenge }
            for j in term.factors { product = product * responses[j] }
            sum = sum + product
        }
        return sum
    }

    /// Whether the relation is well formed for a proof: every factor names a variable.
    var isWellFormed: Bool {
        terms.allSatisfy { $0.factors.allSatisfy { variables.indices.contains($0) } }
    }
}
