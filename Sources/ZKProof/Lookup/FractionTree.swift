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
}
