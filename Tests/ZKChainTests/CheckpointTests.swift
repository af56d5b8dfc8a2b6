import Foundation
import GRDB
import Synchronization
import Testing
import ZKChain
import ZKProof

/// A store that counts the blocks read from it, to show what loading re-validates.
final class CountingStore: ChainStore {
    let base: any ChainStore
    let reads = Atomic<Int>(0)

    init(_ base: any ChainStore) { self.base = base }

    func append(_ block: Block) throws(ChainStoreError) { try base.append(block) }
    func block(at height: UInt64) throws(ChainStoreError) -> Block? {
        reads.add(1, ordering: .relaxed)
        return try base.block(at: height)
    }
    func tipHeight() throws(ChainStoreError) -> UInt64 { try base.tipHeight() }
    func saveCheckpoint(_ checkpoint: ChainCheckpoint) throws(ChainStoreError) { try base.saveCheckpoint(checkpoint) }
    func latestCheckpoint() throws(ChainStoreError) -> ChainCheckpoint? { try base.latestCheckpoint() }
}

/// Restart cost independent of the chain's length: a chain reopens from its latest checkpoint
/// and re-validates only the blocks after it; a checkpoint that does not match its block is
/// ignored; a full re-validation stays available and finds what a checkpoint skipped.
@Suite("Checkpoints and restart cost")
struct CheckpointTests {
    /// `count` blocks of two registrations and an attestation each (and a revocation now and
    /// then), so that every part of the state is exercised.
    static func blocks(_ count: Int) throws -> [Block] {
        var chain = TestChain()
        var blocks = [Block]()
        for index in 0..<count {
            var transactions = [chain.transaction(.registerModel(registration("c\(index)")), from: alice),
                                chain.transaction(.registerDataset(merkleRoot: testDigest("data \(index)"), size: 10,
                                                                   name: "set \(index)"), from: bob)]
            if index > 0 {
                transactions.append(chain.transaction(.attestInference(
                    modelID: testDigest("model c\(index - 1)"), inputDigest: testDigest("in"),
                    outputDigest: testDigest("out"), proofDigest: testDigest("proof \(index)")), from: bob))
            }
            if index % 7 == 3 { transactions.append(chain.transaction(.revokeModel(modelID: testDigest("model c\(index - 1)")), from: alice)) }
            blocks.append(try chain.append(transactions))
        }
        return blocks
    }

    @Test("a checkpoint round-trips the state exactly, and a damaged one is refused")
    func checkpointEncoding() throws {
        let genesis = makeGenesis()
        let chain = try Chain(genesis: genesis, store: InMemoryChainStore(), now: { testNow })
        for block in try Self.blocks(12) { try chain.append(block) }
        let encoded = chain.state.checkpointEncoded()
        #expect(try ChainState(checkpoint: encoded, genesis: genesis) == chain.state)
        // Every truncation and a flipped byte in every field region: an error, never a trap
        // and never a different state accepted silently with a wrong root.
        for length in stride(from: 0, to: encoded.count, by: max(1, encoded.count / 97)) {
            #expect(throws: ChainDecodingError.self) { try ChainState(checkpoint: Array(encoded.prefix(length)), genesis: genesis) }
        }
        #expect(throws: ChainDecodingError.self) { try ChainState(checkpoint: encoded + [0], genesis: genesis) }
        var wrongRoot = encoded
        wrongRoot[1 + 8 + 32 + 8 + 8 + 8] ^= 1 // first byte of the models root
        #expect(throws: ChainDecodingError.self) { try ChainState(checkpoint: wrongRoot, genesis: genesis) }
    }

    @Test("a reopened chain re-validates only the blocks after its latest checkpoint")
    func restartFromCheckpoint() throws {
        let path = SQLiteChainStoreTests.temporaryPath()
        let genesis = makeGenesis()
        let blocks = try Self.blocks(70)
        let expected: ChainState
        do {
            let chain = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), checkpointInterval: 16, now: { testNow })
            for block in blocks { try chain.append(block) }
            expected = chain.state
        }
        let store = try SQLiteChainStore(path: path)
        #expect(try store.latestCheckpoint()?.height == 64)
        let counting = CountingStore(store)
        let reopened = try Chain(genesis: genesis, store: counting, checkpointInterval: 16, now: { testNow })
        #expect(reopened.state == expected)
        #expect(reopened.loadedCheckpointHeight == 64)
        // The checkpoint's own block, then blocks 65…70.
        #expect(counting.reads.load(ordering: .relaxed) == 1 + 6)
        #expect(try reopened.verifyFromGenesis() == 70)
        // The reopened chain goes on: receipts, appends and the next checkpoint.
        #expect(try reopened.receipt(for: testDigest("model c5")).record.name == "model-c5")
    }

    @Test("restart cost is the same at height 40 and at height 160")
    func restartCostIndependentOfLength() throws {
        let genesis = makeGenesis()
        let all = try Self.blocks(160)
        var reads = [Int]()
        for count in [40, 160] {
            let path = SQLiteChainStoreTests.temporaryPath()
            do {
                let chain = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), checkpointInterval: 32, now: { testNow })
                for block in all.prefix(count) { try chain.append(block) }
            }
            let counting = CountingStore(try SQLiteChainStore(path: path))
            _ = try Chain(genesis: genesis, store: counting, checkpointInterval: 32, now: { testNow })
            reads.append(counting.reads.load(ordering: .relaxed))
        }
        // 40 = checkpoint 32 + 8 blocks; 160 = checkpoint 160 + 0 blocks: both at most interval + 1.
        #expect(reads.allSatisfy { $0 <= 33 }, "blocks read at load: \(reads)")
    }

    @Test("a checkpoint that does not match its block is ignored: the chain re-validates from genesis")
    func mismatchedCheckpointIsIgnored() throws {
        let path = SQLiteChainStoreTests.temporaryPath()
        let genesis = makeGenesis()
        let blocks = try Self.blocks(20)
        do {
            let chain = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), checkpointInterval: 8, now: { testNow })
            for block in blocks { try chain.append(block) }
        }
        // A forged checkpoint: the state after block 10 claimed for block 16.
        let early = try Chain(genesis: genesis, store: InMemoryChainStore(blocks: Array(blocks.prefix(10))), now: { testNow })
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO checkpoint (height, block_hash, state) VALUES (?, ?, ?)",
                           arguments: [16, Data(blocks[15].hash.bytes), Data(early.state.checkpointEncoded())])
        }
        let counting = CountingStore(try SQLiteChainStore(path: path))
        let reopened = try Chain(genesis: genesis, store: counting, checkpointInterval: 8, now: { testNow })
        #expect(reopened.loadedCheckpointHeight == 0)
        #expect(counting.reads.load(ordering: .relaxed) >= 20)
        #expect(reopened.state.tipHeight == 20)
    }

    @Test("full re-validation finds a stored block corrupted below the checkpoint")
    func verifyFromGenesisFindsCorruption() throws {
        let path = SQLiteChainStoreTests.temporaryPath()
        let genesis = makeGenesis()
        do {
            let chain = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), checkpointInterval: 8, now: { testNow })
            for block in try Self.blocks(20) { try chain.append(block) }
        }
        let store = try SQLiteChainStore(path: path)
        var bytes = try #require(try store.block(at: 3)).encoded()
        bytes[bytes.count / 2] ^= 0x55
        let corrupted = Data(bytes)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE block SET bytes = ? WHERE height = 3", arguments: [corrupted])
        }
        // Loading starts at the checkpoint (16) and does not read block 3 ...
        let reopened = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), checkpointInterval: 8, now: { testNow })
        #expect(reopened.loadedCheckpointHeight == 16)
        // ... the full check does.
        #expect(throws: ChainError.self) { try reopened.verifyFromGenesis() }
    }

    @Test("a chain whose store another writer advanced moves to the store's head on conflict")
    func conflictReadsTheStoreHead() throws {
        let path = SQLiteChainStoreTests.temporaryPath()
        let genesis = makeGenesis()
        let blocks = try Self.blocks(3)
        let first = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), now: { testNow })
        let second = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), now: { testNow })
        try first.append(blocks[0])
        try first.append(blocks[1])
        // `second` still believes the tip is 0: its append of block 1 conflicts, and it reads
        // blocks 1 and 2 from the store instead of wedging.
        #expect(throws: ChainError.store(.conflict(height: 1))) { try second.append(blocks[0]) }
        #expect(second.state.tipHeight == 2)
        try second.append(blocks[2])
        #expect(try second.state == first.state.appending(blocks[2]))
    }

    @Test("concurrent writers through separate connections are serialised by the busy timeout, never 'database is locked'")
    func concurrentWriters() async throws {
        let path = SQLiteChainStoreTests.temporaryPath()
        _ = try SQLiteChainStore(path: path)
        let checkpoints = (1...40).map { ChainCheckpoint(height: UInt64($0), blockHash: testDigest("b\($0)"), state: [UInt8](repeating: 7, count: 50_000)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = try SQLiteChainStore(path: path)
                    for checkpoint in checkpoints.dropFirst(writer).enumerated().filter({ $0.offset % 4 == 0 }).map(\.element) {
                        try store.saveCheckpoint(checkpoint)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try SQLiteChainStore(path: path).latestCheckpoint()?.height == 40)
    }
}

extension ChainState {
    /// This state after `block` (validated), for comparisons.
    func appending(_ block: Block) throws -> ChainState {
        var state = self
        try state.apply(block, now: testNow)
        return state
    }
}
