import Synchronization

/// A store in memory, for tests and throwaway chains.
public final class InMemoryChainStore: ChainStore {
    private let blocks: Mutex<[Block]>
    private let checkpoint = Mutex<ChainCheckpoint?>(nil)

    public init() { blocks = Mutex([]) }

    /// A store already holding `blocks` (from height 1, unvalidated: loading a `Chain` from it
    /// re-validates them), e.g. to test how a chain treats a tampered store.
    public init(blocks: [Block]) {
        self.blocks = Mutex(blocks)
    }

    public func append(_ block: Block) throws(ChainStoreError) {
        try blocks.withLock { (stored: inout [Block]) throws(ChainStoreError) in
            guard block.header.height == UInt64(stored.count) + 1 else { throw .conflict(height: block.header.height) }
            stored.append(block)
        }
    }

    public func block(at height: UInt64) throws(ChainStoreError) -> Block? {
        blocks.withLock { stored in
            guard height >= 1, height <= UInt64(stored.count) else { return nil }
            return stored[Int(height - 1)]
        }
    }

    public func tipHeight() throws(ChainStoreError) -> UInt64 {
        blocks.withLock { UInt64($0.count) }
    }

    public func saveCheckpoint(_ checkpoint: ChainCheckpoint) throws(ChainStoreError) {
        self.checkpoint.withLock { $0 = checkpoint }
    }

    public func latestCheckpoint() throws(ChainStoreError) -> ChainCheckpoint? {
        checkpoint.withLock { $0 }
    }
}
