import ZKAlgebra
import ZKProof

/// Commits a model's weights and derives its identity:
/// modelID = SHA-256("zkinfer.model.v2" ‖ circuitDigest ‖ weights commitment digest).
///
/// The weights polynomial is `WeightsLayout.values` embedded in Fr, committed with the hiding
/// Pedersen scheme (Hyrax layout over BN254 G1) whose row blindings come from a secret seed; the
/// digest of the row commitments (32 bytes) is what the chain records. Openings of it reveal
/// nothing about the weights however often the model is proven.
public enum ModelCommitment {
    public static let domain = Array("zkinfer.model.v2".utf8)

    public static func weightsPolynomial(_ model: QuantizedModel, layout: WeightsLayout) -> DenseMultilinearPolynomial {
        DenseMultilinearPolynomial(evaluations: layout.values(of: model).map { Fr($0) })
    }

    /// Commits with row blindings derived from `blindingSeed` (a fresh CSPRNG seed by default).
    public static func commit(
        _ model: QuantizedModel, circuit: Circuit, blindingSeed: BlindingSeed = .fresh()
    ) -> (descriptor: ModelDescriptor, proverData: PedersenCommitmentScheme.ProverData) {
        let (commitment, proverData) = PedersenCommitmentScheme().commit(weightsPolynomial(model, layout: circuit.layout),
                                                                         blindingSeed: blindingSeed)
        return (ModelDescriptor(circuit: circuit, weightsCommitment: commitment), proverData)
    }

    public static func modelID(circuitDigest: Digest, weightsDigest: Digest) -> Digest {
        var hasher = SHA256()
        hasher.update(domain)
        hasher.update(circuitDigest)
        hasher.update(weightsDigest)
        return hasher.finalize()
    }
}
