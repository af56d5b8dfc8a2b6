/// Helpers for the small univariate polynomials that sumcheck rounds send as evaluations at
/// 0, 1, …, d.
public enum UnivariateInterpolation {
    /// Evaluates at `x` the unique polynomial of degree ≤ d through (i, values[i]), i = 0…d,
    /// by Lagrange's formula over the integer nodes (O(d²) field operations, d is tiny).
    public static func evaluate(evaluationsAtIntegers values: [Fr], at x: Fr) -> Fr {
        let count = values.count
        guard count > 1 else { return values.first ?? .zero }
        var result = Fr.zero
        for i in 0..<count {
            var numerator = Fr.one
            var denominator = Fr.one
            for j in 0..<count where j != i {
                numerator = numerator * (x - Fr(UInt64(j)))
                denominator = denominator * Fr(Int64(i - j))
            }
            // Distinct integer nodes below the characteristic: the denominator is non-zero.
            result = result + values[i] * numerator * (denominator.inverse ?? .zero)
        }
        return result
    }
}
