/// Helpers for the small univariate polynomials that sumcheck rounds send as evaluations at
/// 0, 1, …, d.
public enum UnivariateInterpolation {
    /// Largest number of nodes with precomputed Lagrange denominators.
    static let cachedNodeCounts = 16

    /// inverseDenominators[count][i] = 1 / Π_{j ≠ i} (i − j) over the nodes 0…count−1, computed
    /// once: recomputing them cost d + 1 inversions per sumcheck round.
    static let inverseDenominators: [[Fr]] = (0...cachedNodeCounts).map { count in
        (0..<count).map { i in denominatorInverse(i, count: count) }
    }

    static func denominatorInverse(_ i: Int, count: Int) -> Fr {
        var denominator = Fr.one
        for j in 0..<count where j != i { denominator = denominator * Fr(Int64(i - j)) }
        // Distinct integer nodes below the characteristic: the denominator is non-zero.
        return denominator.inverse ?? .zero
    }

    /// The Lagrange weights L_i(x) over the integer nodes 0…count−1, so that the polynomial
    /// through (i, values[i]) is Σ_i L_i(x)·values[i] at x: what a verifier needs when the values
    /// themselves are committed.
    public static func lagrangeWeights(count: Int, at x: Fr) -> [Fr] {
        guard count > 1 else { return count == 1 ? [.one] : [] }
        let inverses = count <= cachedNodeCounts ? inverseDenominators[count] : (0..<count).map { denominatorInverse($0, count: count) }
        return (0..<count).map { i in
            var numerator = Fr.one
            for j in 0..<count where j != i { numerator = numerator * (x - Fr(UInt64(j))) }
            return numerator * inverses[i]
        }
    }

    /// Evaluates at `x` the unique polynomial of degree ≤ d through (i, values[i]), i = 0…d,
    /// by Lagrange's formula over the integer nodes (O(d²) field operations, d is tiny).
    public static func evaluate(evaluationsAtIntegers values: [Fr], at x: Fr) -> Fr {
        let count = values.count
        guard count > 1 else { return values.first ?? .zero }
        let inverses = count <= cachedNodeCounts ? inverseDenominators[count] : (0..<count).map { denominatorInverse($0, count: count) }
        var result = Fr.zero
        for i in 0..<count {
            var numerator = Fr.one
            for j in 0..<count where j != i { numerator = numerator * (x - Fr(UInt64(j))) }
            result = result + values[i] * numerator * inverses[i]
        }
        return result
    }
}
