import ZKChain
import ZKML
import ZKProof

/// A registered model as the service proves it: the prover state, loaded once at start, and the
/// public pieces a client needs to verify offline (descriptor, registration receipt, genesis).
package struct ServedModel: Sendable {
    package let id: Digest
    package let name: String
    package let prover: InferenceProver
    package let descriptorBytes: [UInt8]
    package let receiptBytes: [UInt8]
    package let genesisHash: Digest
    package let registeredHeight: UInt64
    package let receiptHeight: UInt64
    /// The key that registered the model (the one attestations must be signed with).
    package let registrationOwner: PublicKey

    package init(name: String, committed: CommittedModel, descriptorBytes: [UInt8], receiptBytes: [UInt8],
                 genesisHash: Digest, registeredHeight: UInt64, receiptHeight: UInt64, registrationOwner: PublicKey) {
        self.id = committed.descriptor.modelID
        self.name = name
        self.prover = InferenceProver(committed: committed)
        self.descriptorBytes = descriptorBytes
        self.receiptBytes = receiptBytes
        self.genesisHash = genesisHash
        self.registeredHeight = registeredHeight
        self.receiptHeight = receiptHeight
        self.registrationOwner = registrationOwner
    }

    package var model: QuantizedModel { prover.model }
    package var inputCount: Int { model.inputShape.reduce(1, *) }
}
