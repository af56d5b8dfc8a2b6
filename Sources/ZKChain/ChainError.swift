import ZKProof

/// Why a `Chain` operation failed.
public enum ChainError: Error, Hashable, CustomStringConvertible {
    /// The block (or a proposed block's transactions) broke a validation rule; nothing changed.
    case invalidBlock(ChainValidationError)
    /// The store failed; when appending, the block is not part of the chain.
    case store(ChainStoreError)
    /// A stored block is missing, at the wrong height or invalid: the store cannot be trusted.
    case corruptStore(height: UInt64, reason: String)
    /// No model with this ID is registered.
    case unknownModel(Digest)
    case unknownDataset(Digest)
    /// A signer's index is not its key's position among the genesis validators.
    case signerMismatch(index: Int)

    public var description: String {
        switch self {
        case let .invalidBlock(error): "invalid block: \(error)"
        case let .store(error): error.description
        case let .corruptStore(height, reason): "stored block \(height) is unusable: \(reason)"
        case let .unknownModel(modelID): "model \(modelID) is not registered"
        case let .unknownDataset(root): "dataset \(root) is not registered"
        case let .signerMismatch(index): "signing key is not genesis validator \(index)"
        }
    }
}
