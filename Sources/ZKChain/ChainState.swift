import ZKProof

/// Everything the chain implies after its blocks so far, starting from genesis: the tip, each
/// sender's next nonce, the model and dataset registries, and the transactions seen. A value:
/// `apply` validates a whole block against it and changes nothing unless the block is valid.
public struct ChainState: Sendable, Equatable {
    public let genesis: Genesis
    /// The genesis hash, which every transaction must carry.
    public let chainID: Digest
    /// 0 while only genesis exists.
    public internal(set) var tipHeight: UInt64 = 0
    /// The last block's header hash, or the genesis hash.
    public internal(set) var tipHash: Digest
    /// The last block's timestamp, or the genesis timestamp.
    public internal(set) var tipTimestamp: UInt64
    /// The next nonce of every sender seen so far (others start at 1: see `nextNonce(for:)`).
    public internal(set) var nextNonces: [PublicKey: UInt64] = [:]
    /// Every model ever registered, revoked ones included.
    public internal(set) var models: [Digest: ModelRecord] = [:]
    public internal(set) var datasets: [Digest: DatasetRecord] = [:]
    public internal(set) var attestationCount: UInt64 = 0
    /// Transactions in all blocks so far.
    public internal(set) var transactionCount: UInt64 = 0
    /// The registry's root after the tip block (the empty tree's root before any model).
    public internal(set) var modelsRoot: Digest = MerkleTree.emptyRoot

    /// IDs of every transaction on the chain (a replayed transaction is rejected by ID as well
    /// as by nonce, which gives a mempool the clearer error).
    var transactionIDs: Set<Digest> = []
    var registryLeaves = ModelRegistryLeaves()

    /// The state of a chain holding only `genesis`.
    public init(genesis: Genesis) {
        self.genesis = genesis
        self.chainID = genesis.hash
        self.tipHash = chainID
        self.tipTimestamp = genesis.timestamp
    }

    /// The nonce `sender`'s next transaction must carry.
    public func nextNonce(for sender: PublicKey) -> UInt64 { nextNonces[sender] ?? 1 }

    /// True when a transaction with this ID is on the chain.
    public func containsTransaction(_ id: Digest) -> Bool { transactionIDs.contains(id) }

    /// The record of `modelID` and its inclusion path under the tip's `modelsRoot`.
    public func modelInclusionProof(for modelID: Digest) -> (record: ModelRecord, proof: MerkleInclusionProof)? {
        guard let record = models[modelID], let index = registryLeaves.index(of: modelID) else { return nil }
        return (record, registryLeaves.tree.inclusionProof(index: index))
    }

    /// Validates `block` as the next block and applies it, or throws and changes nothing.
    /// Checks, in order: height, previous hash, timestamp (not before the tip, at most two
    /// minutes after `now`), transaction count and block size limits, validator signatures
    /// (≥ threshold, distinct, known, all valid over the header hash), the transactions root,
    /// every transaction (chain ID, uniqueness, nonce, signature, its type's rules), then the
    /// model count and root of the registry after the block.
    public mutating func apply(_ block: Block, now: UInt64) throws(ChainValidationError) {
        let staged = try stage(block, now: now)
        commit(staged, header: block.header)
    }

    /// Every check of `apply` except that the signatures need not reach the threshold yet
    /// (those present must be valid): what a validator runs before co-signing another
    /// validator's proposed block. Changes nothing.
    public func validateProposal(_ block: Block, now: UInt64) throws(ChainValidationError) {
        _ = try stage(block, now: now, requireQuorum: false)
    }

    /// Throws unless `transaction` would be valid as the first transaction of the next block.
    public func validate(_ transaction: Transaction) throws(ChainValidationError) {
        try validate([transaction])
    }

    /// Throws unless `transactions`, in this order, would be valid as the next block's
    /// transactions (a mempool holding several transactions of one sender checks them so).
    public func validate(_ transactions: [Transaction]) throws(ChainValidationError) {
        var effects = PendingEffects()
        let height = tipHeight &+ 1
        for (index, transaction) in transactions.enumerated() {
            try stage(transaction, encoding: transaction.encoded(), index: index, height: height, into: &effects)
        }
    }

    /// Splits `candidates` into those valid in this order as the next block's transactions
    /// (each checked after the accepted ones before it) and the rejected ones with why.
    public func selectValid(_ candidates: [Transaction]) -> (valid: [Transaction], rejected: [(transaction: Transaction, error: ChainValidationError)]) {
        var effects = PendingEffects()
        let height = tipHeight &+ 1
        var valid = [Transaction]()
        var rejected = [(transaction: Transaction, error: ChainValidationError)]()
        for transaction in candidates {
            guard valid.count < ChainLimits.maximumBlockTransactions else {
                rejected.append((transaction, .tooManyTransactions(height: height, count: candidates.count,
                                                                  limit: ChainLimits.maximumBlockTransactions)))
                continue
            }
            do {
                try stage(transaction, encoding: transaction.encoded(), index: valid.count, height: height, into: &effects)
                valid.append(transaction)
            } catch {
                rejected.append((transaction, error))
            }
        }
        return (valid, rejected)
    }

    /// The unsigned next block holding `transactions` (all validated) at `timestamp`, with its
    /// roots computed; sign it with `Block.signed(by:index:)`.
    public func proposeBlock(transactions: [Transaction], timestamp: UInt64) throws(ChainValidationError) -> Block {
        let height = tipHeight &+ 1
        guard timestamp >= tipTimestamp else {
            throw .timestampBeforePrevious(height: height, previous: tipTimestamp, got: timestamp)
        }
        guard transactions.count <= ChainLimits.maximumBlockTransactions else {
            throw .tooManyTransactions(height: height, count: transactions.count, limit: ChainLimits.maximumBlockTransactions)
        }
        var effects = PendingEffects()
        var encodings = [[UInt8]]()
        for (index, transaction) in transactions.enumerated() {
            let encoding = transaction.encoded()
            try stage(transaction, encoding: encoding, index: index, height: height, into: &effects)
            encodings.append(encoding)
        }
        let leaves = registryLeaves.applying(effects.models)
        let header = BlockHeader(chainID: chainID, height: height, previousHash: tipHash, timestamp: timestamp,
                                 transactionsRoot: MerkleTree(leaves: encodings).root,
                                 transactionCount: UInt32(transactions.count),
                                 modelsRoot: leaves.root, modelCount: UInt64(leaves.count))
        return Block(header: header, signatures: [], transactions: transactions)
    }
}
