import Foundation
import Synchronization
import Testing
import ZKChain
import ZKProof
import ZKServer

/// A store that serves what it was given honestly until told to tamper, then answers reads of
/// one height with a forged block: a leader whose chain loaded fine but now serves a bad block.
final class TamperingStore: ChainStore {
    private let base = InMemoryChainStore()
    private let forgery = Mutex<(height: UInt64, block: Block)?>(nil)

    func tamper(height: UInt64, _ change: (inout Block) -> Void) throws {
        guard var block = try base.block(at: height) else { return }
        change(&block)
        forgery.withLock { $0 = (height, block) }
    }

    func append(_ block: Block) throws(ChainStoreError) { try base.append(block) }

    func block(at height: UInt64) throws(ChainStoreError) -> Block? {
        if let forged = forgery.withLock({ $0 }), forged.height == height { return forged.block }
        return try base.block(at: height)
    }

    func tipHeight() throws(ChainStoreError) -> UInt64 { try base.tipHeight() }
}

/// Followers re-validate every block they fetch: a leader serving a block with a broken
/// signature set, root or transaction is not followed past it.
@Suite("Follower re-validation") struct FollowerValidationTests {
    static func leaderServingForgery(_ change: @escaping (inout Block) -> Void) async throws -> (NodeServer, Genesis) {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let store = TamperingStore()
        let leader = try await startNode(genesis: genesis, validator: 0, store: store)
        let client = leader.client
        for index in 1...3 {
            let transaction = Transaction.signed(body: registration("f\(index)"), nonce: 1, chainID: genesis.hash, key: numberedKey(2000 + index))
            _ = try await client.submit(transaction)
        }
        #expect(leader.node.chain.state.tipHeight == 3)
        try store.tamper(height: 2, change)
        return (leader, genesis)
    }

    static let forgeries: [(String, @Sendable (inout Block) -> Void)] = [
        ("unsigned", { $0.signatures = [] }),
        ("signature by a non-validator", { block in
            block.signatures = [ValidatorSignature(validatorIndex: 0, signature: testKey(0x99).sign(block.hash.bytes))]
        }),
        ("tampered transaction", { block in
            // Re-signed by the real validator: only the transaction is wrong (its signature).
            var transaction = block.transactions[0]
            transaction.nonce = 1
            transaction.body = registration("forged")
            block.transactions[0] = transaction
            block.header.transactionsRoot = Block.transactionsRoot(of: block.transactions)
            block.signatures = []
            block = block.signed(by: validatorKeys[0], index: 0)
        }),
        ("wrong previous hash", { block in
            block.header.previousHash = testDigest("elsewhere")
            block.signatures = []
            block = block.signed(by: validatorKeys[0], index: 0)
        }),
    ]

    @Test(arguments: 0..<4)
    func followerStopsAtAForgedBlock(forgery: Int) async throws {
        let (name, change) = Self.forgeries[forgery]
        let (leader, genesis) = try await Self.leaderServingForgery(change)
        let follower = try await startNode(genesis: genesis, follow: leader.url)
        // It takes block 1, refuses the forged block 2, and so never reaches block 3.
        try await eventually("\(name): follower at height 1") { follower.node.chain.state.tipHeight == 1 }
        do {
            try await follower.node.synchronize()
            Issue.record("\(name): the follower accepted a forged block")
        } catch {
            #expect("\(error)".contains("block 2 rejected"), "\(name): \(error)")
        }
        #expect(follower.node.chain.state.tipHeight == 1)
        #expect(try follower.node.chain.block(at: 1)?.hash == leader.node.chain.block(at: 1)?.hash)
        await follower.stop()
        await leader.stop()
    }

    @Test func followerCatchesUpFromScratchAndKeepsFollowing() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let leader = try await startNode(genesis: genesis, validator: 0)
        for index in 1...5 {
            _ = try await leader.client.submit(Transaction.signed(body: registration("c\(index)"), nonce: 1, chainID: genesis.hash,
                                                                  key: numberedKey(3000 + index)))
        }
        let follower = try await startNode(genesis: genesis, follow: leader.url)
        try await eventually("catch-up") { follower.node.chain.state.tipHeight == 5 }
        _ = try await leader.client.submit(Transaction.signed(body: registration("c6"), nonce: 1, chainID: genesis.hash, key: numberedKey(3006)))
        try await eventually("follow") { follower.node.chain.state.tipHeight == 6 }
        #expect(try blockHashes(follower.node.chain) == blockHashes(leader.node.chain))
        #expect(follower.node.chain.state == leader.node.chain.state)
        await follower.stop()
        await leader.stop()
    }
}
