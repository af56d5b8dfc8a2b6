import ZKChain

/// A node's validator key and its position among the genesis validators (the index its block
/// signatures carry).
public struct ValidatorIdentity: Sendable {
    public let index: Int
    public let key: SigningKey

    /// Nil unless `key` is one of `genesis`'s validators.
    public init?(key: SigningKey, genesis: Genesis) {
        guard let index = genesis.validatorIndex(of: key.publicKey) else { return nil }
        self.index = index
        self.key = key
    }

    /// This validator's signature over `block`'s header hash.
    func signature(for block: Block) -> ValidatorSignature {
        // `index` is a position in the genesis validator list, at most 255.
        ValidatorSignature(validatorIndex: UInt16(truncatingIfNeeded: index), signature: key.sign(block.hash.bytes))
    }
}
