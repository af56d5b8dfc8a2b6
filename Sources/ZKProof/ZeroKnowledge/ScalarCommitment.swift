import ZKAlgebra

/// Commitments to single scalars, V = x·U + β·H with U, H the Pedersen value and blinding
/// generators: perfectly hiding (β uniform makes V uniform) and binding under discrete log.
enum ScalarCommitment {
    static let value = FixedBaseMultiplier(base: PedersenGenerators.value)
    static let blinding = FixedBaseMultiplier(base: PedersenGenerators.blinding)

    /// x·U + β·H for each pair, in affine form with one inversion. Checked against double-and-add
    /// on both generators by LinearRelationProofTests ("the commitments are the naive x·U + β·H").
    static func commit(_ values: [Fr], blindings: [Fr]) -> [G1Affine] {
        let points = zip(values, blindings).map { x, beta in value.multiply(x) + blinding.multiply(beta) }
        return G1Projective.batchAffine(points)
    }
}
