import ZKProof

/// Where a chain's blocks live. The chain validates every block before appending it, and
/// re-validates what it loads after its latest checkpoint, so a store only has to be durable
/// and atomic.
public protocol ChainStore: Sendable {
    /// Durably appends a block already validated against the stored chain; all or nothing.
    func append(_ block: Block) throws(ChainStoreError)
    func block(at height: UInt64) throws(ChainStoreError) -> Block?
    /// Height of the last stored block, 0 when only genesis exists.
    func tipHeight() throws(ChainStoreError) -> UInt64
    /// Keeps `checkpoint` (replacing older ones); a store may also do nothing.
    func saveCheckpoint(_ checkpoint: ChainCheckpoint) throws(ChainStoreError)
    /// The checkpoint of greatest height kept, if any.
    func latestCheckpoint() throws(ChainStoreError) -> ChainCheckpoint?
}

extension ChainStore {
    /// A store without checkpoints: every load re-validates from genesis.
    public func saveCheckpoint(_ checkpoint: ChainCheckpoint) throws(ChainStoreError) {}
    public func latestCheckpoint() throws(ChainStoreError) -> ChainCheckpoint? { nil }
}

/// The encoded state after the block at `height`, whose header hash is `blockHash`.
public struct ChainCheckpoint: Sendable, Hashable {
    public var height: UInt64
    public var blockHash: Digest
    public var state: [UInt8]

    public init(height: UInt64, blockHash: Digest, state: [UInt8]) {
        self.height = height
        self.blockHash = blockHash
        self.state = state
    }
}

/// Why a store could not read or write.
public enum ChainStoreError: Error, Hashable, CustomStringConvertible {
    /// The medium failed (disk, database).
    case io(String)
    /// Stored data is unreadable or inconsistent.
    case corrupt(String)
    /// A block at this height is not the next one (already stored, or a gap).
    case conflict(height: UInt64)

    public var description: String {
        switch self {
        case let .io(reason): "chain store I/O error: \(reason)"
        case let .corrupt(reason): "chain store is corrupt: \(reason)"
        case let .conflict(height): "chain store conflict: block \(height) is not the next block"
        }
    }
}
