import ZKChain
import ZKML
import ZKProof

/// What an inference proof establishes once verified: this model (by ID) mapped this int8
/// input to this output, for `batchSize` samples, and, with a receipt, that the model is
/// registered on the genesis's chain and was not revoked as of the receipt's latest header.
public struct VerifiedStatement: Sendable {
    public let modelID: Digest
    public let batchSize: Int
    /// The proven input: every sample's quantized values, concatenated in order.
    public let input: [Int8]
    /// SHA-256 of `input`, each value one byte in two's complement: what a client compares
    /// with the digest of its own quantized input.
    public let inputDigest: Digest
    /// One int8 output tensor per sample.
    public let outputs: [Tensor<Int8>]
    /// Nil when verified without a receipt.
    public let registration: VerifiedRegistration?
    /// With an attestation receipt (a bundle from a service run with --attest): the block that
    /// logged this prediction, signed by the model's owner. Nil otherwise.
    public var attestation: AttestationRecord? = nil
}
