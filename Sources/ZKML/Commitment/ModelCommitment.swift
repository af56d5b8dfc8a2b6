import ZKAlgebra
import ZKProof

/// Commits a model's weights and derives its identity:
/// modelID = SHA-256("zkinfer.model.v1" ‖ circuitDigest ‖ weightsCommitment root).
///
/// The weights polynomial is `WeightsLayout.values` embedded in Fr, committed with the Ligero
/// scheme; its Merkle root (32 bytes) is what the chain records. Not hiding yet: the
/// zero-knowledge step replaces the scheme behind the same interface.
public enum ModelCommitment {
    public static let domain = Array("zkinfer.model.v1".utf8)

    public static func weightsPolynomial(_ model: QuantizedModel, layout: WeightsLayout) -> DenseMultilinearPolynomial {
        DenseMultilinearPolynomial(evaluations: layout.values(of: model).map { Fr($0) })
    }

    public static func commit(
        _ model: QuantizedModel, circuit: Circuit, scheme: LigeroCommitmentScheme = LigeroCommitmentScheme()
    ) -> (descriptor: ModelDescriptor, proverData: LigeroCommitmentScheme.ProverData) {
        let (commitment, proverData) = scheme.commit(weightsPolynomial(model, layout: circuit.layout))
        return (ModelDescriptor(circuit: circuit, weightsCommitment: commitment), proverData)
    }

    public static func modelID(circuitDigest: Digest, weightsRoot: Digest) -> Digest {
        var hasher = SHA256()
        hasher.update(domain)
        hasher.update(circuitDigest)
        hasher.update(weightsRoot)
        return hasher.finalize()
    }
}
