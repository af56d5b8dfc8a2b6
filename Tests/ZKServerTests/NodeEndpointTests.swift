import Foundation
import Testing
import ZKChain
import ZKProof
import ZKServer

/// Every endpoint of a single-validator node through `NodeClient` (which also checks what it
/// decodes), and the rejections a proposer gives to invalid transactions.
@Suite("Node endpoints") struct NodeEndpointTests {
    @Test func everyEndpointThroughTheClient() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let server = try await startNode(genesis: genesis, validator: 0)
        let client = server.client
        let owner = testKey(0x11)

        let fresh = try await client.status()
        #expect(fresh == NodeAPI.Status(chainID: genesis.hash.hex, height: 0, tip: genesis.hash.hex,
                                        validators: genesis.validators.map(\.hex), threshold: 1, pending: 0))
        #expect(try await client.nextNonce(of: owner.publicKey) == 1)

        let register = Transaction.signed(body: registration("a"), nonce: 1, chainID: genesis.hash, key: owner)
        let (id, height) = try await client.submit(register)
        #expect(id == register.id)
        #expect(height == 1)
        #expect(try await client.nextNonce(of: owner.publicKey) == 2)

        let status = try await client.status()
        #expect(status.height == 1 && status.pending == 0)
        let block = try await client.block(at: 1)
        #expect(block.hash.hex == status.tip)
        #expect(block.transactions == [register])
        #expect(block.signatures.count == 1)
        #expect(try await client.blocks(from: 1, limit: 10).map(\.hash) == [block.hash])
        #expect(try await client.blocks(from: 2, limit: 10).isEmpty)

        let record = try await client.model(modelID("a"))
        #expect(record == server.node.chain.state.models[modelID("a")])
        #expect(record.owner == owner.publicKey && record.registeredAt == 1 && record.revokedAt == nil)
        let receipt = try await client.receipt(for: modelID("a"))
        #expect(try receipt.verify(genesis: genesis) == record)

        let revoke = Transaction.signed(body: .revokeModel(modelID: modelID("a")), nonce: 2, chainID: genesis.hash, key: owner)
        #expect(try await client.submit(revoke).height == 2)
        #expect(try await client.model(modelID("a")).revokedAt == 2)
        #expect(try await client.receipt(for: modelID("a")).verify(genesis: genesis).revokedAt == 2)
        #expect(try await client.blocks(from: 1, limit: 100).count == 2)
        await server.stop()
    }

    @Test func rawAnswersHaveTheDocumentedShape() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let server = try await startNode(genesis: genesis, validator: 0)
        let owner = testKey(0x12)
        let register = Transaction.signed(body: registration("shape"), nonce: 1, chainID: genesis.hash, key: owner)
        let submitted = try await rawRequest(server.url, "POST", "/v1/transactions",
                                             body: jsonBody(["transaction": hex(register.encoded())]))
        #expect(submitted.status == 200)
        #expect(submitted.json?["id"] as? String == register.id.hex)
        #expect(submitted.json?["height"] as? Int == 1)

        let status = try await rawRequest(server.url, "GET", "/v1/status").json
        #expect(Set(status?.keys.map { $0 } ?? []) == ["chain_id", "height", "tip", "validators", "threshold", "pending"])
        let block = try await rawRequest(server.url, "GET", "/v1/blocks/1").json
        #expect(Set(block?.keys.map { $0 } ?? []) == ["height", "hash", "block"])
        #expect((block?["block"] as? String).map { $0 == $0.lowercased() } == true)
        let model = try await rawRequest(server.url, "GET", "/v1/models/\(modelID("shape").hex)").json
        #expect(model?["model_id"] as? String == modelID("shape").hex)
        #expect(model?["owner"] as? String == owner.publicKey.hex)
        #expect(model?["revoked"] as? Bool == false)
        #expect(model?["revoked_at"] is NSNull)
        let account = try await rawRequest(server.url, "GET", "/v1/accounts/\(owner.publicKey.hex)").json
        #expect(account?["next_nonce"] as? Int == 2)
        let receipt = try await rawRequest(server.url, "GET", "/v1/models/\(modelID("shape").hex)/receipt").json
        #expect((receipt?["receipt"] as? String)?.isEmpty == false)
        await server.stop()
    }

    @Test func invalidTransactionsAreRejectedWithTheirRule() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let server = try await startNode(genesis: genesis, validator: 0)
        let client = server.client
        let alice = testKey(0x21)
        let bob = testKey(0x22)
        let first = Transaction.signed(body: registration("x"), nonce: 1, chainID: genesis.hash, key: alice)
        _ = try await client.submit(first)

        func rejection(_ transaction: Transaction) async -> (Int?, String) {
            do {
                _ = try await client.submit(transaction)
                return (nil, "accepted")
            } catch {
                return (error.status, "\(error)")
            }
        }
        // Replayed: already on the chain.
        #expect(await rejection(first).0 == 409)
        // Wrong nonce (a gap), duplicate model ID, revocation by a non-owner.
        let gap = await rejection(Transaction.signed(body: registration("y"), nonce: 3, chainID: genesis.hash, key: alice))
        #expect(gap.0 == 422 && gap.1.contains("nonce"))
        let duplicate = await rejection(Transaction.signed(body: registration("x"), nonce: 1, chainID: genesis.hash, key: bob))
        #expect(duplicate.0 == 422 && duplicate.1.contains("already registered"))
        let foreignRevoke = await rejection(Transaction.signed(body: .revokeModel(modelID: modelID("x")), nonce: 1, chainID: genesis.hash, key: bob))
        #expect(foreignRevoke.0 == 422 && foreignRevoke.1.contains("cannot revoke"))
        // Forged: Bob's transaction carrying Alice's signature.
        var forged = Transaction.signed(body: registration("z"), nonce: 1, chainID: genesis.hash, key: bob)
        forged.signature = Transaction.signed(body: registration("z"), nonce: 1, chainID: genesis.hash, key: alice).signature
        let forgedAnswer = await rejection(forged)
        #expect(forgedAnswer.0 == 422 && forgedAnswer.1.contains("signature"))
        // Another chain's transaction.
        let otherChain = await rejection(Transaction.signed(body: registration("w"), nonce: 1, chainID: testDigest("other"), key: bob))
        #expect(otherChain.0 == 422 && otherChain.1.contains("chain ID"))

        #expect(try await client.status().height == 1)
        await server.stop()
    }

    @Test func pendingTransactionsOfOneSenderAreOrderedByNonce() async throws {
        // A 2-of-2 proposer whose co-signer is not up yet cannot make blocks: submissions stay
        // pending until the co-signer starts, then all go into one block, in nonce order.
        let genesis = makeGenesis(validators: 2, threshold: 2)
        let cosignerPort = fixedPort()
        let cosignerURL = URL(string: "http://127.0.0.1:\(cosignerPort)")!
        let leader = try await startNode(genesis: genesis, validator: 0, peers: [cosignerURL])
        let client = leader.client
        let owner = testKey(0x31)
        let transactions = (1...5).map { Transaction.signed(body: registration("n\($0)"), nonce: UInt64($0), chainID: genesis.hash, key: owner) }
        try await withThrowingTaskGroup(of: UInt64.self) { group in
            for (offset, transaction) in transactions.enumerated() {
                group.addTask { try await client.submit(transaction).height }
                // The next nonce is admitted only once this one is pending.
                try await eventually("transaction \(offset + 1) pending") { await leader.node.pendingCount == offset + 1 }
            }
            // A gap in the nonces, and a repeat of a pending transaction, are refused at once.
            let gap = Transaction.signed(body: registration("n7"), nonce: 7, chainID: genesis.hash, key: owner)
            await #expect(throws: NodeClientError.self) { _ = try await client.submit(gap) }
            do {
                _ = try await client.submit(transactions[2])
                Issue.record("a pending transaction was accepted twice")
            } catch {
                #expect((error as? NodeClientError)?.status == 409)
            }
            let cosigner = try await retryingWhileAddressInUse {
                try await startNode(genesis: genesis, validator: 1, follow: leader.url, port: cosignerPort)
            }
            // The proposer signed its first proposal before the co-signer was up, and a validator
            // never signs another block at that height: it finishes that block, and the rest
            // follow in the next ones, in nonce order.
            var heights = Set<UInt64>()
            for try await height in group { heights.insert(height) }
            let top = heights.max() ?? 0
            #expect(heights == Set(1...max(1, top)))
            var included: [Transaction] = []
            for height in 1...max(1, top) { included += try await client.block(at: height).transactions }
            #expect(included == transactions)
            await cosigner.stop()
        }
        await leader.stop()
    }

    @Test func unacknowledgedSubmissionTimesOutWith503() async throws {
        // A proposer whose only co-signer is down cannot reach the 2-of-2 threshold.
        let genesis = makeGenesis(validators: 2, threshold: 2)
        let server = try await startNode(genesis: genesis, validator: 0, peers: [URL(string: "http://127.0.0.1:9")!],
                                         acknowledgementTimeout: .milliseconds(600))
        let transaction = Transaction.signed(body: registration("late"), nonce: 1, chainID: genesis.hash, key: testKey(0x41))
        let answer = try await rawRequest(server.url, "POST", "/v1/transactions", body: jsonBody(["transaction": hex(transaction.encoded())]))
        #expect(answer.status == 503)
        #expect(answer.errorMessage?.contains("not in a block") == true)
        #expect(try await server.client.status().pending == 1)
        // While pending, the same transaction is refused as a duplicate.
        let again = try await rawRequest(server.url, "POST", "/v1/transactions", body: jsonBody(["transaction": hex(transaction.encoded())]))
        #expect(again.status == 409)
        await server.stop()
    }
}
