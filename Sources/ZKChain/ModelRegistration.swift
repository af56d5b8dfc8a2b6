import ZKProof

/// What a provider publishes when registering a model: the model ID (binding the circuit and the
/// weights commitment, as `zkinfer commit` computes it), both digests, and descriptive text.
public struct ModelRegistration: Sendable, Hashable {
    public var modelID: Digest
    public var circuitDigest: Digest
    public var weightsCommitment: Digest
    public var name: String
    public var version: String
    /// Free-form key/value pairs (license, homepage…); at most 32 entries of ≤ 1 KiB each.
    public var metadata: [String: String]

    public init(modelID: Digest, circuitDigest: Digest, weightsCommitment: Digest,
                name: String, version: String, metadata: [String: String] = [:]) {
        self.modelID = modelID
        self.circuitDigest = circuitDigest
        self.weightsCommitment = weightsCommitment
        self.name = name
        self.version = version
        self.metadata = metadata
    }

    /// Entries in ascending UTF-8 byte order of their keys: the canonical order.
    var sortedMetadata: [(key: String, value: String)] {
        metadata.sorted { utf8Precedes($0.key, $1.key) }
    }
}
