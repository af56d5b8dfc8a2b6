import ZKAlgebra

/// Commitments to single scalars, V = x·U + β·H with U, H the Pedersen value and blinding
/// generators: perfectly hiding (β uniform makes V uniform) and binding under discrete log.
enum ScalarCommitment {
    static let value = FixedBaseMultiplier(base: PedersenGenerators.value)
    static let blinding = FixedBaseMultiplier(base: PedersenGenerators.blinding)

    /// x·U + β·H for each pair, in affine form with one inversion.
    static func commit(_ values: [Fr], blindings: [Fr]) -> [G1Affine] {
        let points = zip(values, blindings).map { x, beta in value.multiply(x) + blinding.multiply(beta) }
        return G1Projective.batchAffine(points)
    }

    /// Naive twin of `commit`: double-and-add on both generators.
    static func commitNaive(_ value: Fr, blinding beta: Fr) -> G1Affine {
        (PedersenGenerators.value.multiplied(by: value) + PedersenGenerators.blinding.multiplied(by: beta)).affine
    }
}
