import Foundation
import GRDB
import Testing
import ZKChain
import ZKProof

/// The embedded SQLite store: durable appends that a reopened chain re-validates, refusal of a
/// block that is not the next one, and detection of a corrupted stored block.
@Suite("SQLite chain store")
struct SQLiteChainStoreTests {
    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("chain.sqlite").path
    }

    /// Five blocks of registrations, revocations and attestations, as `TestChain` signs them.
    static func blocks() throws -> [Block] {
        var chain = TestChain()
        var blocks = [Block]()
        for index in 0..<5 {
            var transactions = [chain.transaction(.registerModel(registration("m\(index)")), from: alice)]
            if index > 0 {
                transactions.append(chain.transaction(.attestInference(
                    modelID: testDigest("model m\(index - 1)"), inputDigest: testDigest("in"),
                    outputDigest: testDigest("out"), proofDigest: testDigest("proof \(index)")), from: bob))
            }
            if index == 3 { transactions.append(chain.transaction(.revokeModel(modelID: testDigest("model m0")), from: alice)) }
            blocks.append(try chain.append(transactions))
        }
        return blocks
    }

    @Test("appended blocks survive reopening and the reloaded chain re-validates to the same state")
    func reopen() throws {
        let path = Self.temporaryPath()
        let blocks = try Self.blocks()
        let genesis = makeGenesis()
        do {
            let chain = try Chain(genesis: genesis, store: try SQLiteChainStore(path: path), now: { testNow })
            for block in blocks { try chain.append(block) }
        }
        let store = try SQLiteChainStore(path: path)
        #expect(try store.tipHeight() == 5)
        for block in blocks { #expect(try store.block(at: block.header.height) == block) }
        #expect(try store.block(at: 6) == nil)
        let reloaded = try Chain(genesis: genesis, store: store, now: { testNow })
        let memory = try Chain(genesis: genesis, store: InMemoryChainStore(), now: { testNow })
        for block in blocks { try memory.append(block) }
        #expect(reloaded.state == memory.state)
        #expect(reloaded.state.models[testDigest("model m0")]?.revokedAt == 4)
    }

    @Test("a block that is not the next one is refused and leaves the store unchanged")
    func conflict() throws {
        let store = try SQLiteChainStore(path: Self.temporaryPath())
        let blocks = try Self.blocks()
        try store.append(blocks[0])
        #expect(throws: ChainStoreError.conflict(height: 3)) { try store.append(blocks[2]) }
        #expect(throws: ChainStoreError.conflict(height: 1)) { try store.append(blocks[0]) }
        #expect(try store.tipHeight() == 1)
        try store.append(blocks[1])
        #expect(try store.tipHeight() == 2)
    }

    @Test("a block corrupted on disk is reported, and the chain refuses to load past it")
    func corruption() throws {
        let path = Self.temporaryPath()
        let store = try SQLiteChainStore(path: path)
        for block in try Self.blocks() { try store.append(block) }
        // Flip one byte of block 2 behind the store's back, as a failing disk would.
        var bytes = try #require(try store.block(at: 2)).encoded()
        bytes[bytes.count / 2] ^= 0x55
        let corrupted = Data(bytes)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE block SET bytes = ? WHERE height = 2", arguments: [corrupted])
        }
        let reopened = try SQLiteChainStore(path: path)
        var failed = false
        do { _ = try Chain(genesis: makeGenesis(), store: reopened, now: { testNow }) } catch { failed = true }
        #expect(failed)
    }
}
