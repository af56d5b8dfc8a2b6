import ZKAlgebra

/// A value the verifier knows only through commitments: c + Σ_k a_k·x_k, where x_k is the k-th
/// scalar the prover committed to in this proof (V_k = x_k·U + β_k·H) and c, a_k are public.
///
/// Zero-knowledge protocols compute with these exactly where the plain protocols compute with
/// field elements: sums and public multiples stay linear forms, so the verifier can turn one into
/// a commitment (Σ a_k·V_k + c·U) and the prover into its value and blinding. Products of two
/// hidden values are not linear; `PolynomialRelationProof` proves those.
public struct CommittedValue: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public var index: Int
        public var coefficient: Fr
    }

    public var constant: Fr
    /// Unmerged: an index may appear more than once (its coefficients add).
    public var terms: [Term]

    public init(constant: Fr, terms: [Term] = []) {
        self.constant = constant
        self.terms = terms
    }

    /// A public value.
    public init(_ value: Fr) { self.init(constant: value) }

    /// The committed scalar number `index`.
    public init(committed index: Int) { self.init(constant: .zero, terms: [Term(index: index, coefficient: .one)]) }

    public static let zero = CommittedValue(Fr.zero)

    /// Whether the value is public (no committed part).
    public var publicValue: Fr? { terms.isEmpty ? constant : nil }

    public static func + (a: CommittedValue, b: CommittedValue) -> CommittedValue {
        CommittedValue(constant: a.constant + b.constant, terms: a.terms + b.terms)
    }

    public static func - (a: CommittedValue, b: CommittedValue) -> CommittedValue { a + (-b) }

    public static prefix func - (a: CommittedValue) -> CommittedValue {
        CommittedValue(constant: -a.constant, terms: a.terms.map { Term(index: $0.index, coefficient: -$0.coefficient) })
    }

    public static func * (scale: Fr, a: CommittedValue) -> CommittedValue {
        CommittedValue(constant: scale * a.constant,
                       terms: a.terms.map { Term(index: $0.index, coefficient: scale * $0.coefficient) })
    }

    public static func * (a: CommittedValue, scale: Fr) -> CommittedValue { scale * a }

    public static func + (a: CommittedValue, b: Fr) -> CommittedValue { a + CommittedValue(b) }
    public static func - (a: CommittedValue, b: Fr) -> CommittedValue { a - CommittedValue(b) }
    public static func + (a: Fr, b: CommittedValue) -> CommittedValue { CommittedValue(a) + b }
    public static func - (a: Fr, b: CommittedValue) -> CommittedValue { CommittedValue(a) - b }

    /// Σ_i weights[i]·values[i].
    public static func combination(_ values: [CommittedValue], weights: [Fr]) -> CommittedValue {
        var result = CommittedValue.zero
        for (value, weight) in zip(values, weights) { result = result + weight * value }
        return result
    }

    /// c + Σ a_k·x_k for the given scalars (the prover's values, or the blindings: then the
    /// constant, which rides on U, contributes nothing).
    func evaluate(_ scalars: [Fr], includingConstant: Bool = true) -> Fr {
        var sum = includingConstant ? constant : .zero
        for term in terms { sum = sum + term.coefficient * scalars[term.index] }
        return sum
    }
}
