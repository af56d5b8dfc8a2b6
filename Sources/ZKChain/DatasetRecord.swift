import ZKProof

/// A registered dataset: its Merkle root (the dataset's identity), size, name, registering
/// sender and height.
public struct DatasetRecord: Sendable, Hashable {
    public var merkleRoot: Digest
    /// Number of samples (leaves), at least 1.
    public var size: UInt64
    public var name: String
    public var owner: PublicKey
    public var registeredAt: UInt64

    public init(merkleRoot: Digest, size: UInt64, name: String, owner: PublicKey, registeredAt: UInt64) {
        self.merkleRoot = merkleRoot
        self.size = size
        self.name = name
        self.owner = owner
        self.registeredAt = registeredAt
    }
}
