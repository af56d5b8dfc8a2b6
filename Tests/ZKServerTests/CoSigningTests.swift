import Foundation
import Testing
import ZKChain
import ZKProof
import ZKServer

/// A 2-of-3 chain on loopback: a proposer and two co-signing followers.
@Suite("Co-signing validators") struct CoSigningTests {
    /// The proposer (validator 0) and followers (validators 1 and 2). The followers start
    /// first, following the URL the proposer will have, so that the proposer's peers exist.
    static func network(genesis: Genesis, acknowledgementTimeout: Duration = .seconds(10)) async throws -> [NodeServer] {
        try await onFixedPort { port in
            let leaderURL = URL(string: "http://127.0.0.1:\(port)")!
            let first = try await startNode(genesis: genesis, validator: 1, follow: leaderURL)
            let second = try await startNode(genesis: genesis, validator: 2, follow: leaderURL)
            do {
                let leader = try await startNode(genesis: genesis, validator: 0, peers: [first.url, second.url], port: port,
                                                 acknowledgementTimeout: acknowledgementTimeout)
                return [leader, first, second]
            } catch {
                await first.stop()
                await second.stop()
                throw error
            }
        }
    }

    @Test func threeNodesAgreeOnEveryBlock() async throws {
        let genesis = makeGenesis(threshold: 2)
        let nodes = try await Self.network(genesis: genesis)
        let leader = nodes[0]

        // Forty registrations from concurrent clients, a few through each follower (forwarded).
        let acknowledged = try await withThrowingTaskGroup(of: (Digest, UInt64).self) { group in
            for index in 0..<40 {
                let node = nodes[index % 5 == 0 ? 1 + (index / 5) % 2 : 0]
                let transaction = Transaction.signed(body: registration("co\(index)"), nonce: 1, chainID: genesis.hash,
                                                     key: numberedKey(1000 + index))
                group.addTask { try await node.client.submit(transaction) }
            }
            return try await group.reduce(into: [(Digest, UInt64)]()) { $0.append($1) }
        }
        #expect(acknowledged.count == 40)
        let height = leader.node.chain.state.tipHeight
        #expect(height >= 1)
        for follower in nodes.dropFirst() {
            try await eventually("follower at height \(height)") { follower.node.chain.state.tipHeight >= height }
        }
        let hashes = try blockHashes(leader.node.chain)
        for follower in nodes.dropFirst() {
            #expect(try blockHashes(follower.node.chain) == hashes)
        }
        for block in try leader.node.chain.blocks(from: 1, limit: Int(height)) {
            #expect(block.signatures.count >= 2)
            #expect(block.signatures.contains { $0.validatorIndex == 0 })
        }
        for (id, height) in acknowledged {
            #expect(try leader.node.chain.block(at: height)?.transactions.contains { $0.id == id } == true)
        }
        // Reads through a follower see the same records.
        let record = try await nodes[2].client.model(modelID("co7"))
        #expect(record == leader.node.chain.state.models[modelID("co7")])
        for node in nodes { await node.stop() }
    }

    @Test func oneValidatorDownStillReachesTheThreshold() async throws {
        let genesis = makeGenesis(threshold: 2)
        let nodes = try await Self.network(genesis: genesis, acknowledgementTimeout: .seconds(2))
        let leader = nodes[0]
        await nodes[2].stop()
        let first = Transaction.signed(body: registration("down1"), nonce: 1, chainID: genesis.hash, key: testKey(0x61))
        let (_, height) = try await leader.client.submit(first)
        #expect(try leader.node.chain.block(at: height)?.signatures.map(\.validatorIndex) == [0, 1])

        // With both co-signers down, the block cannot be signed: 503, and nothing appended.
        await nodes[1].stop()
        let second = Transaction.signed(body: registration("down2"), nonce: 1, chainID: genesis.hash, key: testKey(0x62))
        do {
            _ = try await leader.client.submit(second)
            Issue.record("a block was acknowledged without its threshold of signatures")
        } catch {
            #expect(error.status == 503)
        }
        #expect(leader.node.chain.state.tipHeight == height)
        await leader.stop()
    }

    @Test func coSignerBehindItsLeaderSyncsBeforeSigning() async throws {
        // The only co-signer polls its leader once an hour, so each proposal finds it one block
        // behind: it must fetch and re-validate the missing block before it can sign.
        let genesis = makeGenesis(threshold: 2)
        let (leader, cosigner) = try await onFixedPort { port in
            let cosigner = try await startNode(genesis: genesis, validator: 1, follow: URL(string: "http://127.0.0.1:\(port)")!,
                                               blockInterval: .seconds(3600))
            do {
                return (try await startNode(genesis: genesis, validator: 0, peers: [cosigner.url], port: port), cosigner)
            } catch {
                await cosigner.stop()
                throw error
            }
        }
        for index in 1...3 {
            let transaction = Transaction.signed(body: registration("behind\(index)"), nonce: 1, chainID: genesis.hash,
                                                 key: numberedKey(4000 + index))
            #expect(try await leader.client.submit(transaction).height == UInt64(index))
        }
        #expect(cosigner.node.chain.state.tipHeight == 2)
        #expect(try blockHashes(cosigner.node.chain) == Array(blockHashes(leader.node.chain).prefix(2)))
        await leader.stop()
        await cosigner.stop()
    }

    @Test func coSignerRefusesBlocksThatDoNotExtendItsTipOrDoNotValidate() async throws {
        let genesis = makeGenesis(threshold: 2)
        let nodes = try await Self.network(genesis: genesis)
        let follower = nodes[1].client
        let state = ChainState(genesis: genesis)
        let sender = testKey(0x71)
        let unsigned = try state.proposeBlock(transactions: [Transaction.signed(body: registration("s"), nonce: 1, chainID: genesis.hash, key: sender)],
                                              timestamp: Chain.wallClock())
        let good = unsigned.signed(by: validatorKeys[0], index: 0)
        // A valid proposal signed by validator 0 is signed by validator 1 over the header hash.
        let signature = try await follower.sign(good)
        #expect(signature.validatorIndex == 1)
        #expect(genesis.validators[1].verifies(signature.signature, for: good.hash.bytes))

        func refusal(_ block: Block) async -> Int? {
            do {
                _ = try await follower.sign(block)
                return nil
            } catch {
                return error.status
            }
        }
        /// `block` with `change` applied and re-signed by validator 0, so only the change is wrong.
        func proposal(_ change: (inout Block) -> Void) -> Block {
            var block = unsigned
            change(&block)
            return block.signed(by: validatorKeys[0], index: 0)
        }
        // Not proposed by another validator: unsigned, signed by the co-signer itself, or by a
        // key that is no validator.
        #expect(await refusal(unsigned) == 403)
        #expect(await refusal(unsigned.signed(by: validatorKeys[1], index: 1)) == 403)
        var forged = unsigned
        forged.signatures = [ValidatorSignature(validatorIndex: 0, signature: testKey(0x72).sign(unsigned.hash.bytes))]
        #expect(await refusal(forged) == 422)
        // Not the next valid block.
        #expect(await refusal(proposal { $0.header.transactionsRoot = testDigest("root") }) == 422)
        #expect(await refusal(proposal { $0.header.previousHash = testDigest("previous") }) == 409)
        #expect(await refusal(proposal { $0.header.timestamp += 3_600_000 }) == 422)
        #expect(await refusal(proposal {
            $0.transactions = [Transaction.signed(body: registration("s"), nonce: 2, chainID: genesis.hash, key: sender)]
        }) == 422)
        #expect(nodes[1].node.chain.state.tipHeight == 0)
        for node in nodes { await node.stop() }
    }

    /// No equivocation: a validator that co-signed one block at a height refuses a different one
    /// there and hands back the block it signed; a proposer that restarted after its peers
    /// signed its earlier proposal adopts that block instead of stalling.
    @Test func coSignerNeverSignsTwoBlocksAtOneHeightAndTheProposerAdoptsTheFirst() async throws {
        let genesis = makeGenesis(threshold: 2)
        let nodes = try await Self.network(genesis: genesis)
        let state = ChainState(genesis: genesis)
        let first = try state.proposeBlock(
            transactions: [Transaction.signed(body: registration("first"), nonce: 1, chainID: genesis.hash, key: testKey(0x81))],
            timestamp: Chain.wallClock()).signed(by: validatorKeys[0], index: 0)
        // Both co-signers sign the proposer's first proposal, which it then "loses".
        for follower in nodes[1...] { _ = try await follower.client.sign(first) }
        let second = try state.proposeBlock(
            transactions: [Transaction.signed(body: registration("second"), nonce: 1, chainID: genesis.hash, key: testKey(0x82))],
            timestamp: Chain.wallClock()).signed(by: validatorKeys[0], index: 0)
        do {
            _ = try await nodes[1].client.sign(second)
            Issue.record("a second block at height 1 was signed")
        } catch {
            guard case let .alreadySigned(signed) = error else { Issue.record("expected alreadySigned, got \(error)"); return }
            #expect(signed.header == first.header)
            #expect(signed.signatures.map(\.validatorIndex) == [0, 1])
        }
        // The proposer now proposes height 1 anew; its peers hand back `first`, which it finishes.
        let submitted = Transaction.signed(body: registration("third"), nonce: 1, chainID: genesis.hash, key: testKey(0x83))
        let (_, height) = try await nodes[0].client.submit(submitted)
        #expect(height == 2)
        #expect(try nodes[0].node.chain.block(at: 1)?.header == first.header)
        try await eventually("followers reach height 2") {
            nodes.allSatisfy { $0.node.chain.state.tipHeight >= 2 }
        }
        let hashes = try blockHashes(nodes[0].node.chain)
        for node in nodes[1...] { #expect(try blockHashes(node.node.chain) == hashes) }
        for node in nodes { await node.stop() }
    }

    /// The record of co-signed blocks survives a restart: a co-signer restarted on the same data
    /// still refuses a different block at a height it signed, and still signs the same one.
    @Test func coSignerRemembersWhatItSignedAcrossRestarts() async throws {
        let genesis = makeGenesis(threshold: 2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-cosign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("cosigned.log").path
        func cosigner() throws -> ChainNode {
            // Follows an address nothing listens on: only its co-signing is exercised.
            let configuration = ChainNode.Configuration(
                validator: ValidatorIdentity(key: validatorKeys[1], genesis: genesis),
                follow: URL(string: "http://127.0.0.1:9"), cosignLogPath: path)
            return try ChainNode(chain: try Chain(genesis: genesis, store: InMemoryChainStore()),
                                 configuration: configuration, logger: quietLogger)
        }
        func proposal(_ label: String, sender: UInt8) throws -> Block {
            try ChainState(genesis: genesis).proposeBlock(
                transactions: [Transaction.signed(body: registration(label), nonce: 1, chainID: genesis.hash, key: testKey(sender))],
                timestamp: Chain.wallClock()).signed(by: validatorKeys[0], index: 0)
        }
        let first = try proposal("first", sender: 0x91), second = try proposal("second", sender: 0x92)
        _ = try await cosigner().cosign(first)
        let restarted = try cosigner()
        do {
            _ = try await restarted.cosign(second)
            Issue.record("a restarted co-signer signed a second block at height 1")
        } catch let error as ChainNodeError {
            #expect(NodeAPIError(error).status.code == 409)
            guard case let .alreadySigned(height, signed) = error else { Issue.record("\(error)"); return }
            #expect(height == 1)
            #expect(signed == first.signed(by: validatorKeys[1], index: 1))
        }
        let again = try await restarted.cosign(first)
        #expect(genesis.validators[1].verifies(again.signature, for: first.hash.bytes))
        try? FileManager.default.removeItem(at: directory)
    }
}
