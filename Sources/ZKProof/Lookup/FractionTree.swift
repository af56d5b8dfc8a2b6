import ZKAlgebra

/// Layers of the binary tree that adds fractions p/q without division: a parent combines the
/// children i and i + half (the highest variable is the sibling bit) into
/// (p_i·q_{i+h} + p_{i+h}·q_i, q_i·q_{i+h}). layers[0] is the root, the last layer the leaves.
struct FractionTree {
    var numerators: [[Fr]]
    var denominators: [[Fr]]

    init(numerators leafNumerators: [Fr], denominators leafDenominators: [Fr]) {
        var p = [leafNumerators], q = [leafDenominators]
        while let top = p.first, top.count > 1 {
            let half = top.count / 2
            let topQ = q[0]
            var parentP = [Fr](repeating: .zero, count: half), parentQ = parentP
            for i in 0..<half {
                parentP[i] = top[i] * topQ[i + half] + top[i + half] * topQ[i]
                parentQ[i] = topQ[i] * topQ[i + half]
            }
            p.insert(parentP, at: 0)
            q.insert(parentQ, at: 0)
        }
        numerators = p
        denominators = q
    }

    var root: (numerator: Fr, denominator: Fr) { (numerators[0][0], denominators[0][0]) }

    /// The cross sums Σ_i eq(point, i)·p_i·q_{i+h} and Σ_i eq(point, i)·p_{i+h}·q_i over the
    /// layer below `depth` (h = half its size): the two parts of the numerator claim at `point`.
    func crossSums(below depth: Int, at point: [Fr]) -> (Fr, Fr) {
        let p = numerators[depth + 1], q = denominators[depth + 1]
        let half = p.count / 2
        let eq = EqualityPolynomial.table(at: point)
        let partials = Parallel.mapChunks(count: half, minimumChunk: 1 << 12) { range -> (Fr, Fr) in
            var sums = (Fr.zero, Fr.zero)
            for i in range {
                sums.0 = sums.0 + eq[i] * p[i] * q[i + half]
                sums.1 = sums.1 + eq[i] * p[i + half] * q[i]
            }
            return sums
        }
        return partials.reduce((Fr.zero, Fr.zero)) { ($0.0 + $1.0, $0.1 + $1.1) }
    }
}
