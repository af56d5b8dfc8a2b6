import ZKProof

/// What the transactions checked so far in a block would change, kept beside the state instead
/// of in a copy of it: validation reads through it, and the state absorbs it only once the
/// whole block is valid. (Copying the state per block would copy every registry and the set of
/// all transaction IDs.)
struct PendingEffects: Sendable {
    var nextNonces: [PublicKey: UInt64] = [:]
    /// New and updated records.
    var models: [Digest: ModelRecord] = [:]
    var datasets: [Digest: DatasetRecord] = [:]
    var transactionIDs: Set<Digest> = []
    var attestations: UInt64 = 0
    var transactions: UInt64 = 0
}
