import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// `Chain` over an `InMemoryChainStore`: producing and appending blocks, reading them back,
// reloading (which re-validates everything) and refusing a tampered store.

private let twoSigners = [(index: 0, key: validatorKeys[0]), (index: 1, key: validatorKeys[1])]

/// A chain of `count` blocks with registrations, datasets, attestations and a revocation.
private func buildChain(blocks count: Int, store: InMemoryChainStore) throws -> Chain {
    let genesis = makeGenesis()
    let chain = try Chain(genesis: genesis, store: store, now: { testNow })
    let senders = [alice, bob, carol]
    for height in 1...count {
        let sender = senders[height % 3]
        func next(_ body: TransactionBody) -> Transaction {
            Transaction.signed(body: body, nonce: chain.state.nextNonce(for: sender.publicKey), chainID: genesis.hash, key: sender)
        }
        var transactions = [next(.registerModel(registration("m\(height)")))]
        if height % 4 == 0 {
            transactions.append(Transaction.signed(body: .attestInference(modelID: testDigest("model m\(height)"), inputDigest: .zero,
                                                                          outputDigest: .zero, proofDigest: .zero),
                                                   nonce: transactions[0].nonce + 1, chainID: genesis.hash, key: sender))
        }
        if height % 5 == 0 {
            let revoke = Transaction.signed(body: .revokeModel(modelID: testDigest("model m\(height)")),
                                            nonce: transactions.last.map { $0.nonce + 1 } ?? 1, chainID: genesis.hash, key: sender)
            transactions.append(revoke)
        }
        _ = try chain.produceBlock(transactions: transactions, timestamp: genesisTimestamp + UInt64(height) * 500, signers: twoSigners)
    }
    return chain
}

@Test func chainReloadedFromItsStoreReachesTheSameState() throws {
    let store = InMemoryChainStore()
    let chain = try buildChain(blocks: 20, store: store)
    #expect(chain.state.tipHeight == 20)
    #expect(try store.tipHeight() == 20)
    #expect(chain.state.models.count == 20)
    #expect(chain.state.models.values.filter(\.isRevoked).count == 4)
    #expect(chain.state.attestationCount == 5)
    let reloaded = try Chain(genesis: makeGenesis(), store: store, now: { testNow })
    #expect(reloaded.state == chain.state)
    #expect(reloaded.tipBlock == chain.tipBlock)
    #expect(try reloaded.receipt(for: testDigest("model m7")) == chain.receipt(for: testDigest("model m7")))

    // A follower re-validating the blocks one by one (as decoded from the wire) agrees too.
    let follower = try Chain(genesis: makeGenesis(), store: InMemoryChainStore(), now: { testNow })
    for block in try chain.blocks(from: 1, limit: 100) {
        try follower.append(try Block(decoding: block.encoded()))
    }
    #expect(follower.state == chain.state)
}

@Test func blocksAreReadByRange() throws {
    let chain = try buildChain(blocks: 6, store: InMemoryChainStore())
    #expect(try chain.blocks(from: 0, limit: 3).map(\.height) == [1, 2, 3])
    #expect(try chain.blocks(from: 5, limit: 10).map(\.height) == [5, 6])
    #expect(try chain.blocks(from: 7, limit: 10).isEmpty)
    #expect(try chain.blocks(from: 1, limit: 0).isEmpty)
    #expect(try chain.block(at: 0) == nil)
    #expect(try chain.block(at: 7) == nil)
    #expect(try chain.block(at: 6)?.hash == chain.state.tipHash)
}

@Test func chainRejectsInvalidBlocksAndKeepsItsState() throws {
    let store = InMemoryChainStore()
    let chain = try buildChain(blocks: 3, store: store)
    let before = chain.state
    let genesis = makeGenesis()
    let register = Transaction.signed(body: .registerModel(registration("new")), nonce: before.nextNonce(for: alice.publicKey),
                                      chainID: genesis.hash, key: alice)
    // Too few signers: nothing stored, nothing applied.
    #expect(throws: ChainError.invalidBlock(.insufficientSignatures(height: 4, valid: 1, threshold: 2))) {
        try chain.produceBlock(transactions: [register], timestamp: genesisTimestamp + 10_000, signers: [twoSigners[0]])
    }
    // A signer whose key is not the validator at its index.
    #expect(throws: ChainError.signerMismatch(index: 1)) {
        try chain.produceBlock(transactions: [register], timestamp: genesisTimestamp + 10_000, signers: [(index: 1, key: alice)])
    }
    // Too far in the future for the chain's clock.
    #expect(throws: ChainError.invalidBlock(.timestampInFuture(height: 4, latestAllowed: testNow + 120_000, got: testNow + 200_000))) {
        try chain.produceBlock(transactions: [register], timestamp: testNow + 200_000, signers: twoSigners)
    }
    // An already-stored block appended again.
    let old = try #require(try chain.block(at: 3))
    #expect(throws: ChainError.invalidBlock(.wrongHeight(expected: 4, got: 3))) { try chain.append(old) }
    #expect(chain.state == before)
    #expect(try store.tipHeight() == 3)
    let block = try chain.produceBlock(transactions: [register], timestamp: genesisTimestamp + 10_000, signers: twoSigners)
    #expect(block.height == 4)
    #expect(chain.state.models[testDigest("model new")]?.registeredAt == 4)
}

@Test func storeConflictMovesTheChainToTheStoreHead() throws {
    let store = InMemoryChainStore()
    let chain = try buildChain(blocks: 2, store: store)
    // Someone else appends block 3 to the store behind the chain's back: the chain's own block 3
    // is refused by the store, and the chain re-reads the store's head (validating it) instead
    // of wedging at height 2, so its next block is 4.
    var other = TestChain()
    other.state = chain.state
    let intruder = try other.block([])
    try store.append(intruder)
    #expect(throws: ChainError.store(.conflict(height: 3))) {
        try chain.produceBlock(transactions: [], timestamp: genesisTimestamp + 50_000, signers: twoSigners)
    }
    #expect(chain.state.tipHeight == 3)
    #expect(chain.state.tipHash == intruder.hash)
    let next = try chain.produceBlock(transactions: [], timestamp: genesisTimestamp + 60_000, signers: twoSigners)
    #expect(next.height == 4)
}

@Test func tamperedStoresAreRefusedOnLoad() throws {
    let store = InMemoryChainStore()
    let chain = try buildChain(blocks: 5, store: store)
    let blocks = try chain.blocks(from: 1, limit: 10)
    let genesis = makeGenesis()

    func loadError(_ blocks: [Block]) -> ChainError? {
        do {
            _ = try Chain(genesis: genesis, store: InMemoryChainStore(blocks: blocks), now: { testNow })
            return nil
        } catch {
            return error
        }
    }
    #expect(loadError(blocks) == nil)
    var forged = blocks
    forged[2].transactions.removeLast()
    #expect(caseName(of: loadError(forged)) == "corruptStore")
    var unsigned = blocks
    unsigned[3].signatures = []
    #expect(loadError(unsigned) == .corruptStore(height: 4, reason: ChainValidationError.insufficientSignatures(height: 4, valid: 0, threshold: 2).description))
    var reordered = blocks
    reordered.swapAt(1, 2)
    #expect(loadError(reordered) == .corruptStore(height: 2, reason: "holds a block of height 3"))
    // Another chain's genesis cannot load these blocks.
    do {
        _ = try Chain(genesis: makeGenesis(name: "other"), store: InMemoryChainStore(blocks: blocks), now: { testNow })
        Issue.record("loaded blocks under another genesis")
    } catch {
        #expect(caseName(of: error) == "corruptStore")
    }
}
