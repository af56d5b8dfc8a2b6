import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// Every transaction rule, through `validate` (the mempool check) and through a signed block.

/// Applies a block holding `transactions` on a copy of `chain`'s state and returns the error.
private func blockError(_ chain: TestChain, _ transactions: [Transaction]) throws -> ChainValidationError? {
    var copy = chain
    let height = chain.state.tipHeight + 1
    let block = Block(header: BlockHeader(chainID: chain.chainID, height: height, previousHash: chain.state.tipHash,
                                          timestamp: chain.state.tipTimestamp,
                                          transactionsRoot: Block.transactionsRoot(of: transactions),
                                          transactionCount: UInt32(transactions.count),
                                          modelsRoot: .zero, modelCount: 0),
                      signatures: [], transactions: transactions)
        .signed(by: validatorKeys[0], index: 0).signed(by: validatorKeys[1], index: 1)
    let before = copy.state
    let error = validationError { try copy.state.apply(block, now: testNow) }
    #expect(copy.state == before)
    return error
}

@Test func forgedTransactionSignatureIsRejected() throws {
    let chain = TestChain()
    var transaction = Transaction.signed(body: .registerModel(registration("a")), nonce: 1, chainID: chain.chainID, key: alice)
    transaction.sender = bob.publicKey
    let expected = ChainValidationError.badTransactionSignature(height: 1, transactionIndex: 0, sender: bob.publicKey)
    #expect(validationError { try chain.state.validate(transaction) } == expected)
    #expect(try blockError(chain, [transaction]) == expected)
    // A body changed after signing.
    var changed = Transaction.signed(body: .registerModel(registration("a")), nonce: 1, chainID: chain.chainID, key: alice)
    changed.body = .registerModel(registration("b"))
    #expect(validationError { try chain.state.validate(changed) }
        == .badTransactionSignature(height: 1, transactionIndex: 0, sender: alice.publicKey))
}

@Test func noncesMustFollowOnePerSender() throws {
    var chain = TestChain()
    let first = chain.transaction(.registerModel(registration("a")), from: alice)
    try chain.append([first])
    // Replays: the very same transaction, and a new one reusing nonce 1.
    #expect(validationError { try chain.state.validate(first) }
        == .duplicateTransaction(height: 2, transactionIndex: 0, id: first.id))
    let reused = Transaction.signed(body: .registerModel(registration("b")), nonce: 1, chainID: chain.chainID, key: alice)
    #expect(validationError { try chain.state.validate(reused) }
        == .wrongNonce(height: 2, transactionIndex: 0, sender: alice.publicKey, expected: 2, got: 1))
    #expect(try blockError(chain, [reused]) == .wrongNonce(height: 2, transactionIndex: 0, sender: alice.publicKey, expected: 2, got: 1))
    // A gap.
    let skipping = Transaction.signed(body: .registerModel(registration("b")), nonce: 3, chainID: chain.chainID, key: alice)
    #expect(validationError { try chain.state.validate(skipping) }
        == .wrongNonce(height: 2, transactionIndex: 0, sender: alice.publicKey, expected: 2, got: 3))
    // A new sender starts at 1, not 0.
    let zero = Transaction.signed(body: .registerModel(registration("b")), nonce: 0, chainID: chain.chainID, key: bob)
    #expect(validationError { try chain.state.validate(zero) }
        == .wrongNonce(height: 2, transactionIndex: 0, sender: bob.publicKey, expected: 1, got: 0))
    // Within one block, nonces count up, and a duplicate in the same block is caught.
    let second = chain.transaction(.registerModel(registration("b")), from: alice)
    let third = chain.transaction(.registerModel(registration("c")), from: alice)
    try chain.state.validate([second, third])
    #expect(validationError { try chain.state.validate([third, second]) }
        == .wrongNonce(height: 2, transactionIndex: 0, sender: alice.publicKey, expected: 2, got: 3))
    #expect(try blockError(chain, [second, second]) == .duplicateTransaction(height: 2, transactionIndex: 1, id: second.id))
}

@Test func wrongChainIDIsRejected() throws {
    let chain = TestChain()
    let other = makeGenesis(name: "other chain").hash
    let transaction = Transaction.signed(body: .registerModel(registration("a")), nonce: 1, chainID: other, key: alice)
    let expected = ChainValidationError.wrongChainID(height: 1, transactionIndex: 0, expected: chain.chainID, got: other)
    #expect(validationError { try chain.state.validate(transaction) } == expected)
    #expect(try blockError(chain, [transaction]) == expected)
}

@Test func modelIDsAreRegisteredOnce() throws {
    var chain = TestChain()
    try chain.append([chain.transaction(.registerModel(registration("a")), from: alice)])
    // Same model ID, from anyone, whatever the other fields.
    var again = registration("a")
    again.name = "copy"
    let duplicate = chain.transaction(.registerModel(again), from: bob)
    let expected = ChainValidationError.modelAlreadyRegistered(height: 2, transactionIndex: 0, modelID: again.modelID, registeredAt: 1)
    #expect(validationError { try chain.state.validate(duplicate) } == expected)
    #expect(try blockError(chain, [duplicate]) == expected)
    // Twice in one block.
    let b1 = chain.transaction(.registerModel(registration("b")), from: carol)
    let b2 = chain.transaction(.registerModel(registration("b")), from: carol)
    #expect(try blockError(chain, [b1, b2])
        == .modelAlreadyRegistered(height: 2, transactionIndex: 1, modelID: testDigest("model b"), registeredAt: 2))
}

@Test func onlyTheOwnerRevokesAndOnlyOnce() throws {
    var chain = TestChain()
    let modelID = testDigest("model a")
    try chain.append([chain.transaction(.registerModel(registration("a")), from: alice)])
    let byBob = chain.transaction(.revokeModel(modelID: modelID), from: bob)
    let notOwner = ChainValidationError.notModelOwner(height: 2, transactionIndex: 0, modelID: modelID,
                                                      owner: alice.publicKey, sender: bob.publicKey)
    #expect(validationError { try chain.state.validate(byBob) } == notOwner)
    #expect(try blockError(chain, [byBob]) == notOwner)
    let unknown = Transaction.signed(body: .revokeModel(modelID: testDigest("nothing")), nonce: 2, chainID: chain.chainID, key: alice)
    #expect(validationError { try chain.state.validate(unknown) }
        == .unknownModel(height: 2, transactionIndex: 0, modelID: testDigest("nothing")))

    chain.nonces[bob.publicKey] = 1
    try chain.append([chain.transaction(.revokeModel(modelID: modelID), from: alice)])
    #expect(chain.state.models[modelID]?.revokedAt == 2)
    let again = chain.transaction(.revokeModel(modelID: modelID), from: alice)
    let revoked = ChainValidationError.modelAlreadyRevoked(height: 3, transactionIndex: 0, modelID: modelID, revokedAt: 2)
    #expect(validationError { try chain.state.validate(again) } == revoked)
    #expect(try blockError(chain, [again]) == revoked)
    // A revoked model's ID stays taken.
    let reregister = chain.transaction(.registerModel(registration("a")), from: bob)
    #expect(caseName(of: validationError { try chain.state.validate(reregister) }) == "modelAlreadyRegistered")
}

@Test func attestationsNeedARegisteredUnrevokedModel() throws {
    var chain = TestChain()
    let modelID = testDigest("model a")
    func attest(_ id: Digest, from key: SigningKey) -> Transaction {
        chain.transaction(.attestInference(modelID: id, inputDigest: testDigest("i"), outputDigest: testDigest("o"),
                                           proofDigest: testDigest("p")), from: key)
    }
    let early = attest(modelID, from: bob)
    #expect(validationError { try chain.state.validate(early) } == .unknownModel(height: 1, transactionIndex: 0, modelID: modelID))
    #expect(try blockError(chain, [early]) == .unknownModel(height: 1, transactionIndex: 0, modelID: modelID))
    // Registered in the same block, then attested: fine.
    chain.nonces[bob.publicKey] = 1
    let register = chain.transaction(.registerModel(registration("a")), from: alice)
    let attestation = attest(modelID, from: bob)
    try chain.append([register, attestation])
    #expect(chain.state.attestationCount == 1)
    try chain.append([chain.transaction(.revokeModel(modelID: modelID), from: alice)])
    let late = attest(modelID, from: bob)
    let expected = ChainValidationError.attestationOnRevokedModel(height: 3, transactionIndex: 0, modelID: modelID, revokedAt: 2)
    #expect(validationError { try chain.state.validate(late) } == expected)
    #expect(try blockError(chain, [late]) == expected)
}

@Test func datasetsAreRegisteredOnceAndNonEmpty() throws {
    var chain = TestChain()
    let root = testDigest("dataset")
    let empty = chain.transaction(.registerDataset(merkleRoot: root, size: 0, name: "empty"), from: alice)
    #expect(validationError { try chain.state.validate(empty) } == .emptyDataset(height: 1, transactionIndex: 0, merkleRoot: root))
    chain.nonces[alice.publicKey] = 1
    try chain.append([chain.transaction(.registerDataset(merkleRoot: root, size: 5, name: "d"), from: alice)])
    let again = chain.transaction(.registerDataset(merkleRoot: root, size: 9, name: "d2"), from: bob)
    let expected = ChainValidationError.datasetAlreadyRegistered(height: 2, transactionIndex: 0, merkleRoot: root, registeredAt: 1)
    #expect(validationError { try chain.state.validate(again) } == expected)
    #expect(try blockError(chain, [again]) == expected)
}

@Test func sizeLimitsApplyToTransactionsBuiltInMemory() throws {
    let chain = TestChain()
    func check(_ registration: ModelRegistration) -> ChainValidationError? {
        let transaction = Transaction.signed(body: .registerModel(registration), nonce: 1, chainID: chain.chainID, key: alice)
        return validationError { try chain.state.validate(transaction) }
    }
    var longName = registration("a")
    longName.name = String(repeating: "x", count: 257)
    #expect(check(longName) == .limitExceeded(height: 1, transactionIndex: 0, LimitViolation(what: "model name", size: 257, limit: 256)))
    var longVersion = registration("a")
    longVersion.version = String(repeating: "é", count: 129)
    #expect(caseName(of: check(longVersion)) == "limitExceeded")
    var manyEntries = registration("a")
    manyEntries.metadata = Dictionary(uniqueKeysWithValues: (0..<33).map { ("k\($0)", "v") })
    #expect(caseName(of: check(manyEntries)) == "limitExceeded")
    var bigEntry = registration("a")
    bigEntry.metadata = ["k": String(repeating: "v", count: 1024)]
    #expect(caseName(of: check(bigEntry)) == "limitExceeded")
    var atLimits = registration("a")
    atLimits.name = String(repeating: "x", count: 256)
    atLimits.metadata = Dictionary(uniqueKeysWithValues: (0..<32).map { ("k\($0)", String(repeating: "v", count: 1021)) })
    #expect(check(atLimits) == nil)
    let longDataset = Transaction.signed(body: .registerDataset(merkleRoot: .zero, size: 1, name: String(repeating: "d", count: 300)),
                                         nonce: 1, chainID: chain.chainID, key: alice)
    #expect(caseName(of: validationError { try chain.state.validate(longDataset) }) == "limitExceeded")
}

@Test func selectValidKeepsTheValidTransactionsInOrder() throws {
    var chain = TestChain()
    let good1 = chain.transaction(.registerModel(registration("a")), from: alice)
    let duplicate = chain.transaction(.registerModel(registration("a")), from: bob)
    let good2 = chain.transaction(.registerModel(registration("b")), from: alice)
    let forged = Transaction(chainID: chain.chainID, sender: carol.publicKey, nonce: 1,
                             body: .revokeModel(modelID: testDigest("model a")), signature: good1.signature)
    let (valid, rejected) = chain.state.selectValid([good1, duplicate, good2, forged])
    #expect(valid == [good1, good2])
    #expect(rejected.map(\.transaction) == [duplicate, forged])
    #expect(rejected.map { caseName(of: $0.error) } == ["modelAlreadyRegistered", "badTransactionSignature"])
    try chain.state.validate(valid)
}
