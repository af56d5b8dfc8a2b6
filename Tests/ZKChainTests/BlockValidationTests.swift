import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// Every header and signature rule of `ChainState.apply`, each rejected with its typed error,
// and the state left exactly as it was.

/// A chain with one registration block applied, and a valid next block to tamper with.
private func chainWithNextBlock() throws -> (chain: TestChain, next: Block) {
    var chain = TestChain()
    try chain.append([chain.transaction(.registerModel(registration("a")), from: alice)])
    let next = try chain.block([chain.transaction(.registerModel(registration("b")), from: bob)])
    return (chain, next)
}

@Test func validBlocksApplyAndUpdateTheState() throws {
    var chain = TestChain()
    #expect(chain.state.tipHeight == 0)
    #expect(chain.state.tipHash == chain.genesis.hash)
    #expect(chain.state.modelsRoot == MerkleTree.emptyRoot)
    let first = try chain.append([chain.transaction(.registerModel(registration("a")), from: alice),
                                  chain.transaction(.registerDataset(merkleRoot: testDigest("d"), size: 10, name: "d"), from: alice)])
    #expect(first.header.previousHash == chain.genesis.hash)
    let empty = try chain.append([])
    #expect(empty.header.transactionsRoot == MerkleTree.emptyRoot)
    try chain.append([chain.transaction(.attestInference(modelID: testDigest("model a"), inputDigest: testDigest("i"),
                                                         outputDigest: testDigest("o"), proofDigest: testDigest("p")), from: bob),
                      chain.transaction(.revokeModel(modelID: testDigest("model a")), from: alice)])
    let state = chain.state
    #expect(state.tipHeight == 3)
    #expect(state.nextNonce(for: alice.publicKey) == 4)
    #expect(state.nextNonce(for: bob.publicKey) == 2)
    #expect(state.nextNonce(for: carol.publicKey) == 1)
    #expect(state.models[testDigest("model a")]?.registeredAt == 1)
    #expect(state.models[testDigest("model a")]?.revokedAt == 3)
    #expect(state.datasets[testDigest("d")]?.size == 10)
    #expect(state.attestationCount == 1)
    #expect(state.transactionCount == 4)
    #expect(state.modelsRoot == ModelRegistryTree.root(of: state.models))
}

@Test func wrongHeightIsRejected() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    for height: UInt64 in [0, 1, 3, .max] {
        let block = resigned(next) { $0.height = height }
        #expect(validationError { try chain.state.apply(block, now: testNow) } == .wrongHeight(expected: 2, got: height))
    }
    #expect(chain.state == before)
}

@Test func blockOfAnotherChainIsRejected() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    let other = makeGenesis(name: "other").hash
    let block = resigned(next) { $0.chainID = other }
    #expect(validationError { try chain.state.apply(block, now: testNow) }
        == .wrongBlockChainID(height: 2, expected: chain.chainID, got: other))
    #expect(chain.state == before)
}

@Test func wrongPreviousHashIsRejected() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    let block = resigned(next) { $0.previousHash = chain.genesis.hash }
    #expect(validationError { try chain.state.apply(block, now: testNow) }
        == .wrongPreviousHash(height: 2, expected: before.tipHash, got: chain.genesis.hash))
    #expect(chain.state == before)
}

@Test func timestampsMayNotGoBackwardsOrTooFarAhead() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    let previous = before.tipTimestamp
    let backwards = resigned(next) { $0.timestamp = previous - 1 }
    #expect(validationError { try chain.state.apply(backwards, now: testNow) }
        == .timestampBeforePrevious(height: 2, previous: previous, got: previous - 1))
    let same = resigned(next) { $0.timestamp = previous }
    let ahead = resigned(next) { $0.timestamp = testNow + 120_001 }
    #expect(validationError { try chain.state.apply(ahead, now: testNow) }
        == .timestampInFuture(height: 2, latestAllowed: testNow + 120_000, got: testNow + 120_001))
    #expect(chain.state == before)
    let atLimit = resigned(next) { $0.timestamp = testNow + 120_000 }
    var copy = chain.state
    try copy.apply(atLimit, now: testNow)
    try chain.state.apply(same, now: testNow)

    // Block 1 may not predate genesis.
    var fresh = TestChain()
    let first = resigned(try fresh.block([])) { $0.timestamp = genesisTimestamp - 1 }
    #expect(validationError { try fresh.state.apply(first, now: testNow) }
        == .timestampBeforePrevious(height: 1, previous: genesisTimestamp, got: genesisTimestamp - 1))
}

@Test func wrongTransactionsRootOrCountIsRejected() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    let wrongRoot = resigned(next) { $0.transactionsRoot = testDigest("forged") }
    #expect(validationError { try chain.state.apply(wrongRoot, now: testNow) }
        == .transactionsRootMismatch(height: 2, expected: next.header.transactionsRoot, got: testDigest("forged")))
    let wrongCount = resigned(next) { $0.transactionCount = 2 }
    #expect(validationError { try chain.state.apply(wrongCount, now: testNow) }
        == .transactionCountMismatch(height: 2, header: 2, actual: 1))
    // A transaction swapped for another valid one: the signed root no longer matches.
    var swapped = next
    swapped.transactions = [chain.transaction(.registerModel(registration("c")), from: carol)]
    #expect(caseName(of: validationError { try chain.state.apply(swapped, now: testNow) }) == "transactionsRootMismatch")
    #expect(chain.state == before)
}

@Test func wrongModelsRootOrCountIsRejected() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    let wrongRoot = resigned(next) { $0.modelsRoot = before.modelsRoot }
    #expect(validationError { try chain.state.apply(wrongRoot, now: testNow) }
        == .modelsRootMismatch(height: 2, expected: next.header.modelsRoot, got: before.modelsRoot))
    let wrongCount = resigned(next) { $0.modelCount = 1 }
    #expect(validationError { try chain.state.apply(wrongCount, now: testNow) }
        == .modelCountMismatch(height: 2, expected: 2, got: 1))
    #expect(chain.state == before)
}

@Test func validatorSignaturesMustReachTheThreshold() throws {
    var (chain, next) = try chainWithNextBlock()
    let before = chain.state
    let unsigned = Block(header: next.header, signatures: [], transactions: next.transactions)
    #expect(validationError { try chain.state.apply(unsigned, now: testNow) }
        == .insufficientSignatures(height: 2, valid: 0, threshold: 2))
    for index in 0..<3 {
        let one = unsigned.signed(by: validatorKeys[index], index: index)
        #expect(validationError { try chain.state.apply(one, now: testNow) }
            == .insufficientSignatures(height: 2, valid: 1, threshold: 2))
    }
    // A non-validator's key under a validator's index.
    let forged = unsigned.signed(by: validatorKeys[0], index: 0).signed(by: carol, index: 1)
    #expect(validationError { try chain.state.apply(forged, now: testNow) } == .badValidatorSignature(height: 2, index: 1))
    // A validator's signature over another header.
    var stolen = unsigned.signed(by: validatorKeys[0], index: 0)
    stolen.signatures.append(ValidatorSignature(validatorIndex: 2, signature: validatorKeys[2].sign(testDigest("other").bytes)))
    #expect(validationError { try chain.state.apply(stolen, now: testNow) } == .badValidatorSignature(height: 2, index: 2))
    // The same validator twice does not count twice.
    let signature = unsigned.signed(by: validatorKeys[1], index: 1).signatures[0]
    let duplicated = Block(header: next.header, signatures: [signature, signature], transactions: next.transactions)
    #expect(validationError { try chain.state.apply(duplicated, now: testNow) } == .duplicateValidatorSignature(height: 2, index: 1))
    let unordered = Block(header: next.header, signatures: next.signatures.reversed(), transactions: next.transactions)
    #expect(validationError { try chain.state.apply(unordered, now: testNow) } == .duplicateValidatorSignature(height: 2, index: 0))
    // An index beyond the three validators.
    let unknown = next.signed(by: carol, index: 3)
    #expect(validationError { try chain.state.apply(unknown, now: testNow) }
        == .unknownValidator(height: 2, index: 3, validatorCount: 3))
    #expect(chain.state == before)
    // Any two of the three suffice.
    for pair in [[0, 1], [0, 2], [1, 2]] {
        var copy = chain.state
        var block = unsigned
        for index in pair { block = block.signed(by: validatorKeys[index], index: index) }
        try copy.apply(block, now: testNow)
        #expect(copy.tipHeight == 2)
    }
}

@Test func proposalsAreValidatedBeforeCoSigning() throws {
    var (chain, next) = try chainWithNextBlock()
    let unsigned = Block(header: next.header, signatures: [], transactions: next.transactions)
    try chain.state.validateProposal(unsigned, now: testNow)
    try chain.state.validateProposal(unsigned.signed(by: validatorKeys[2], index: 2), now: testNow)
    // Whatever signatures a proposal carries must be valid, and all other rules hold.
    #expect(validationError { try chain.state.validateProposal(unsigned.signed(by: carol, index: 2), now: testNow) }
        == .badValidatorSignature(height: 2, index: 2))
    let wrongRoot = resigned(next, signers: []) { $0.modelsRoot = .zero }
    #expect(caseName(of: validationError { try chain.state.validateProposal(wrongRoot, now: testNow) }) == "modelsRootMismatch")
    #expect(validationError { try chain.state.apply(unsigned, now: testNow) }
        == .insufficientSignatures(height: 2, valid: 0, threshold: 2))
}

@Test func rejectedBlockLeavesTheStateUnchanged() throws {
    var chain = TestChain()
    try chain.append([chain.transaction(.registerModel(registration("a")), from: alice)])
    let before = chain.state
    // Four valid transactions (new model, dataset, attestation, revocation) then an invalid one:
    // none of the first four may leak into the state.
    let transactions = [
        chain.transaction(.registerModel(registration("b")), from: bob),
        chain.transaction(.registerDataset(merkleRoot: testDigest("d"), size: 1, name: "d"), from: bob),
        chain.transaction(.attestInference(modelID: testDigest("model a"), inputDigest: .zero, outputDigest: .zero,
                                           proofDigest: .zero), from: carol),
        chain.transaction(.revokeModel(modelID: testDigest("model a")), from: alice),
        chain.transaction(.revokeModel(modelID: testDigest("model a")), from: alice),
    ]
    let valid = try chain.state.proposeBlock(transactions: Array(transactions.prefix(4)), timestamp: genesisTimestamp + 5000)
    let invalid = Block(header: BlockHeader(chainID: chain.chainID, height: 2, previousHash: before.tipHash, timestamp: genesisTimestamp + 5000,
                                            transactionsRoot: Block.transactionsRoot(of: transactions),
                                            transactionCount: 5, modelsRoot: valid.header.modelsRoot, modelCount: 2),
                        signatures: [], transactions: transactions)
        .signed(by: validatorKeys[0], index: 0).signed(by: validatorKeys[2], index: 2)
    #expect(validationError { try chain.state.apply(invalid, now: testNow) }
        == .modelAlreadyRevoked(height: 2, transactionIndex: 4, modelID: testDigest("model a"), revokedAt: 2))
    #expect(chain.state == before)
    #expect(chain.state.models[testDigest("model b")] == nil)
    #expect(chain.state.nextNonce(for: bob.publicKey) == 1)
    #expect(chain.state.attestationCount == 0)
    // The same transactions minus the bad one apply.
    try chain.state.apply(valid.signed(by: validatorKeys[0], index: 0).signed(by: validatorKeys[1], index: 1), now: testNow)
    #expect(chain.state.models[testDigest("model a")]?.revokedAt == 2)
}

@Test func blockSizeLimitsAreEnforced() throws {
    var chain = TestChain()
    let transactions = (0...ChainLimits.maximumBlockTransactions).map { _ in
        chain.transaction(.revokeModel(modelID: .zero), from: alice)
    }
    #expect(validationError { _ = try chain.state.proposeBlock(transactions: transactions, timestamp: genesisTimestamp) }
        == .tooManyTransactions(height: 1, count: 4097, limit: 4096))
    let block = Block(header: BlockHeader(chainID: chain.chainID, height: 1, previousHash: chain.chainID, timestamp: genesisTimestamp,
                                          transactionsRoot: .zero, transactionCount: 4097, modelsRoot: .zero, modelCount: 0),
                      signatures: [], transactions: transactions)
    #expect(validationError { try chain.state.apply(block, now: testNow) }
        == .tooManyTransactions(height: 1, count: 4097, limit: 4096))
    #expect(caseName(of: decodingError { _ = try Block(decoding: block.encoded()) }) == "malformed")
}
