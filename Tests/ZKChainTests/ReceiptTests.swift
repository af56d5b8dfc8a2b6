import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// Receipts: built by a chain, verified offline with the genesis alone, and every tampering
// rejected with its typed error.

private let signers = [(index: 0, key: validatorKeys[0]), (index: 2, key: validatorKeys[2])]

/// A chain where model "a" (Alice's) is registered at height 2 among other transactions, and
/// later blocks register more models; optionally Alice revokes it at height 4.
private func chainWithModel(revoke: Bool = false) throws -> Chain {
    let genesis = makeGenesis()
    let chain = try Chain(genesis: genesis, store: InMemoryChainStore(), now: { testNow })
    var time = genesisTimestamp
    func produce(_ transactions: [Transaction]) throws {
        time += 1000
        _ = try chain.produceBlock(transactions: transactions, timestamp: time, signers: signers)
    }
    func signed(_ body: TransactionBody, _ key: SigningKey) -> Transaction {
        Transaction.signed(body: body, nonce: chain.state.nextNonce(for: key.publicKey), chainID: genesis.hash, key: key)
    }
    try produce([signed(.registerModel(registration("x")), carol)])
    try produce([signed(.registerModel(registration("b")), bob),
                 signed(.registerDataset(merkleRoot: testDigest("d"), size: 3, name: "d"), carol),
                 signed(.registerModel(registration("a")), alice)])
    try produce([signed(.registerModel(registration("c")), bob)])
    try produce(revoke ? [signed(.revokeModel(modelID: testDigest("model a")), alice)] : [])
    try produce([signed(.registerModel(registration("e")), carol)])
    return chain
}

@Test func receiptsVerifyOffline() throws {
    let chain = try chainWithModel()
    let receipt = try chain.receipt(for: testDigest("model a"))
    #expect(receipt.registrationHeader.height == 2)
    #expect(receipt.latestHeader.height == 5)
    #expect(receipt.transactionProof.leafIndex == 2)
    let record = try receipt.verify(genesis: makeGenesis())
    #expect(record.modelID == testDigest("model a"))
    #expect(record.owner == alice.publicKey)
    #expect(record.registeredAt == 2)
    #expect(record.revokedAt == nil)
    let bytes = receipt.encoded()
    #expect(bytes.starts(with: Array("ZKRC".utf8)))
    let decoded = try ModelReceipt(decoding: bytes)
    #expect(decoded == receipt)
    #expect(decoded.encoded() == bytes)
    #expect(try decoded.verify(genesis: makeGenesis()) == record)

    // A model registered in the tip block itself.
    let latest = try chain.receipt(for: testDigest("model e"))
    #expect(latest.registrationHeader == latest.latestHeader)
    #expect(try latest.verify(genesis: makeGenesis()).registeredAt == 5)
    #expect(throws: ChainError.unknownModel(testDigest("nothing"))) { try chain.receipt(for: testDigest("nothing")) }
}

@Test func receiptsReportRevocationAsOfTheLatestHeader() throws {
    let chain = try chainWithModel(revoke: true)
    let receipt = try chain.receipt(for: testDigest("model a"))
    let record = try receipt.verify(genesis: makeGenesis())
    #expect(record.revokedAt == 4)
    // Hiding the revocation breaks the record's inclusion under the signed models root.
    var hidden = receipt
    hidden.record.revokedAt = nil
    #expect(caseName(of: receiptError { _ = try hidden.verify(genesis: makeGenesis()) }) == "recordNotIncluded")
}

@Test func everyReceiptTamperingIsRejected() throws {
    let chain = try chainWithModel()
    let genesis = makeGenesis()
    let receipt = try chain.receipt(for: testDigest("model a"))
    func rejection(_ change: (inout ModelReceipt) -> Void) -> ReceiptError? {
        var copy = receipt
        change(&copy)
        return receiptError { _ = try copy.verify(genesis: genesis) }
    }

    // Another chain's genesis: other validators, another threshold, another name.
    #expect(receiptError { _ = try receipt.verify(genesis: makeGenesis(threshold: 3)) }
        == .genesisMismatch(expected: makeGenesis(threshold: 3).hash, got: genesis.hash))
    let strangers = try Genesis(chainName: "zkinfer-test", timestamp: genesisTimestamp,
                                validators: [alice, bob, carol].map(\.publicKey), threshold: 2)
    #expect(caseName(of: receiptError { _ = try receipt.verify(genesis: strangers) }) == "genesisMismatch")
    #expect(rejection { $0.genesisHash = strangers.hash } == .genesisMismatch(expected: genesis.hash, got: strangers.hash))

    // Headers: one signed for another chain run by the same validators is refused.
    #expect(rejection {
        $0.latestHeader.chainID = strangers.hash
        let hash = $0.latestHeader.hash.bytes
        $0.latestSignatures = [0, 2].map { index in
            ValidatorSignature(validatorIndex: UInt16(index), signature: validatorKeys[index].sign(hash))
        }
    } == .headerForOtherChain(height: 5, chainID: strangers.hash))
    #expect(rejection { $0.registrationHeader.timestamp += 1 } == .registrationSignatures(height: 2, .badSignature(index: 0)))
    #expect(rejection { $0.registrationHeader.transactionsRoot = testDigest("x") } == .registrationSignatures(height: 2, .badSignature(index: 0)))
    #expect(rejection { $0.latestHeader.modelsRoot = testDigest("x") } == .latestSignatures(height: 5, .badSignature(index: 0)))
    #expect(rejection { $0.latestHeader.height = 1 } == .latestSignatures(height: 1, .badSignature(index: 0)))

    // Signatures.
    #expect(rejection { $0.registrationSignatures.removeLast() } == .registrationSignatures(height: 2, .insufficientSignatures(valid: 1, threshold: 2)))
    #expect(rejection { $0.latestSignatures = [] } == .latestSignatures(height: 5, .insufficientSignatures(valid: 0, threshold: 2)))
    #expect(rejection { $0.latestSignatures[1] = $0.latestSignatures[0] } == .latestSignatures(height: 5, .duplicateOrUnorderedSigner(index: 0)))
    #expect(rejection {
        $0.registrationSignatures[1] = ValidatorSignature(validatorIndex: 2, signature: validatorKeys[2].sign(testDigest("x").bytes))
    } == .registrationSignatures(height: 2, .badSignature(index: 2)))
    #expect(rejection { $0.registrationSignatures = $0.latestSignatures } == .registrationSignatures(height: 2, .badSignature(index: 0)))
    #expect(rejection { $0.latestSignatures.append(ValidatorSignature(validatorIndex: 7, signature: $0.latestSignatures[0].signature)) }
        == .latestSignatures(height: 5, .unknownValidator(index: 7, validatorCount: 3)))

    // The transaction.
    #expect(rejection { $0.transaction.nonce += 1 } == .badTransactionSignature(sender: alice.publicKey))
    #expect(rejection { $0.transaction.sender = bob.publicKey } == .badTransactionSignature(sender: bob.publicKey))
    // Validly signed, but not the transaction the block holds.
    #expect(caseName(of: rejection {
        $0.transaction = Transaction.signed(body: $0.transaction.body, nonce: 7, chainID: genesis.hash, key: alice)
    }) == "transactionNotIncluded")
    #expect(rejection {
        $0.transaction = Transaction.signed(body: .revokeModel(modelID: testDigest("model a")), nonce: 1, chainID: genesis.hash, key: alice)
    } == .notARegistration(kind: "RevokeModel"))
    #expect(rejection {
        $0.transaction = Transaction.signed(body: $0.transaction.body, nonce: 1, chainID: strangers.hash, key: alice)
    } == .wrongChainID(expected: genesis.hash, got: strangers.hash))
    // Bob's registration in the same block is included, but the record is Alice's model.
    let bobsBlock = try #require(try chain.block(at: 2))
    #expect(rejection {
        $0.transaction = bobsBlock.transactions[0]
        $0.transactionProof = bobsBlock.transactionInclusionProof(index: 0) ?? $0.transactionProof
    } == .recordMismatch(field: "model ID"))

    // The paths.
    #expect(caseName(of: rejection { $0.transactionProof.siblings[0] = testDigest("x") }) == "transactionNotIncluded")
    #expect(caseName(of: rejection { $0.transactionProof.leafIndex = 1 }) == "transactionNotIncluded")
    #expect(caseName(of: rejection { $0.transactionProof.leafCount = 4 }) == "transactionNotIncluded")
    #expect(caseName(of: rejection { $0.transactionProof.siblings.removeLast() }) == "transactionNotIncluded")
    #expect(caseName(of: rejection { $0.recordProof.siblings[0] = testDigest("x") }) == "recordNotIncluded")
    #expect(caseName(of: rejection { $0.recordProof.leafIndex ^= 1 }) == "recordNotIncluded")
    #expect(caseName(of: rejection { $0.recordProof.leafCount += 1 }) == "recordNotIncluded")
    #expect(caseName(of: rejection { $0.recordProof.siblings.append(.zero) }) == "recordNotIncluded")

    // The record.
    #expect(rejection { $0.record.owner = bob.publicKey } == .recordMismatch(field: "owner"))
    #expect(rejection { $0.record.circuitDigest = testDigest("x") } == .recordMismatch(field: "circuit digest"))
    #expect(rejection { $0.record.weightsCommitment = testDigest("x") } == .recordMismatch(field: "weights commitment"))
    #expect(rejection { $0.record.name = "other" } == .recordMismatch(field: "name"))
    #expect(rejection { $0.record.registeredAt = 3 } == .recordMismatch(field: "registration height"))
    #expect(rejection { $0.record.revokedAt = 1 } == .recordMismatch(field: "revocation height 1"))
    #expect(caseName(of: rejection { $0.record.revokedAt = 5 }) == "recordNotIncluded")
    // A receipt whose latest header predates the registration.
    let early = try #require(try chain.block(at: 1))
    #expect(rejection {
        $0.latestHeader = early.header
        $0.latestSignatures = early.signatures
    } == .latestBeforeRegistration(registration: 2, latest: 1))
}

@Test func receiptDecodingRejectsMalformedInput() throws {
    let chain = try chainWithModel()
    let bytes = try chain.receipt(for: testDigest("model a")).encoded()
    func malformed(_ bytes: [UInt8]) -> Bool {
        caseName(of: decodingError { _ = try ModelReceipt(decoding: bytes) }) == "malformed"
    }
    #expect(malformed(bytes + [0]))
    #expect(malformed(Array(bytes.dropLast())))
    #expect(malformed(Array("ZKPF".utf8) + bytes.dropFirst(4)))
    var version = bytes
    version[4] = 2
    #expect(malformed(version))
    #expect(malformed([]))
    let huge = [UInt8](repeating: 0, count: ChainLimits.maximumReceiptBytes + 1)
    #expect(caseName(of: decodingError { _ = try ModelReceipt(decoding: huge) }) == "tooLarge")
}

@Test func absurdTreeSizesAreRejectedWithoutTrapping() throws {
    let chain = try chainWithModel()
    let genesis = makeGenesis()
    let receipt = try chain.receipt(for: testDigest("model a"))
    // A header claiming Int.max models (re-signed, as a rogue validator set could): path
    // arithmetic on that size would overflow, so both the decoder and the verifier refuse it.
    var huge = receipt
    huge.latestHeader.modelCount = UInt64(Int.max)
    let hash = huge.latestHeader.hash.bytes
    huge.latestSignatures = [0, 2].map { ValidatorSignature(validatorIndex: UInt16($0), signature: validatorKeys[$0].sign(hash)) }
    huge.recordProof.leafCount = Int.max
    huge.recordProof.leafIndex = Int.max - 1
    #expect(caseName(of: decodingError { _ = try ModelReceipt(decoding: huge.encoded()) }) == "malformed")
    #expect(caseName(of: receiptError { _ = try huge.verify(genesis: genesis) }) == "recordNotIncluded")
}
