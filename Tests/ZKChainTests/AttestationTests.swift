import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// Attestation batches: only the model's owner may attest, for a registered model not revoked;
// a prediction's attestation receipt verifies offline with the genesis alone, and only for the
// prediction it was made for.

private let signers = [(index: 0, key: validatorKeys[0]), (index: 2, key: validatorKeys[2])]

/// Five predictions of Alice's model "a".
private let leaves = (0..<5).map { index in
    InferenceAttestation(modelID: testDigest("model a"), input: [Int8(index), 2, 3], output: [Int8(-index), 7], proof: Array("proof \(index)".utf8))
}

/// A chain where Alice registers model "a" at height 1 and attests `leaves` in one batch at height 2
/// (beside another transaction), with `tree` over them.
private func attestedChain() throws -> (chain: Chain, tree: MerkleTree, receipt: (Int) throws -> AttestationReceipt) {
    let genesis = makeGenesis()
    let chain = try Chain(genesis: genesis, store: InMemoryChainStore(), now: { testNow })
    var time = genesisTimestamp
    func produce(_ transactions: [Transaction]) throws -> Block {
        time += 1000
        return try chain.produceBlock(transactions: transactions, timestamp: time, signers: signers)
    }
    func signed(_ body: TransactionBody, _ key: SigningKey) -> Transaction {
        Transaction.signed(body: body, nonce: chain.state.nextNonce(for: key.publicKey), chainID: genesis.hash, key: key)
    }
    _ = try produce([signed(.registerModel(registration("a")), alice)])
    let tree = MerkleTree(leafHashes: leaves.map(\.leafHash))
    let batch = signed(.attestInferenceBatch(modelID: testDigest("model a"), root: tree.root, count: UInt32(leaves.count)), alice)
    let block = try produce([signed(.registerModel(registration("b")), bob), batch])
    #expect(chain.state.attestationCount == UInt64(leaves.count))
    let receipt = { (index: Int) throws -> AttestationReceipt in
        AttestationReceipt(genesisHash: genesis.hash, header: block.header, signatures: block.signatures, transaction: batch,
                           transactionProof: try #require(block.transactionInclusionProof(index: 1)),
                           attestationProof: tree.inclusionProof(index: index))
    }
    return (chain, tree, receipt)
}

@Test func attestationReceiptsVerifyOfflineForTheirPredictionOnly() throws {
    let (_, tree, receipt) = try attestedChain()
    for index in leaves.indices {
        let made = try receipt(index)
        let record = try made.verify(genesis: makeGenesis(), attestation: leaves[index])
        #expect(record == AttestationRecord(modelID: testDigest("model a"), attester: alice.publicKey, height: 2,
                                            timestamp: genesisTimestamp + 2000, batchRoot: tree.root, batchSize: leaves.count))
        let bytes = made.encoded()
        #expect(bytes.starts(with: Array("ZKAR".utf8)))
        let decoded = try AttestationReceipt(decoding: bytes)
        #expect(decoded == made && decoded.encoded() == bytes)
        // Another prediction's leaf (another input, output or proof) is not under this path.
        let other = leaves[(index + 1) % leaves.count]
        #expect(caseName(of: receiptError { _ = try made.verify(genesis: makeGenesis(), attestation: other) }) == "attestationNotIncluded")
        var changedOutput = leaves[index]
        changedOutput.outputDigest = SHA256.hash([9])
        #expect(caseName(of: receiptError { _ = try made.verify(genesis: makeGenesis(), attestation: changedOutput) }) == "attestationNotIncluded")
        var otherModel = leaves[index]
        otherModel.modelID = testDigest("model b")
        #expect(caseName(of: receiptError { _ = try made.verify(genesis: makeGenesis(), attestation: otherModel) }) == "recordMismatch")
    }
}

@Test func everyAttestationReceiptTamperingIsRejected() throws {
    let (_, _, receipt) = try attestedChain()
    let made = try receipt(3)
    let leaf = leaves[3]
    func rejection(_ change: (inout AttestationReceipt) -> Void) -> String? {
        var tampered = made
        change(&tampered)
        return caseName(of: receiptError { _ = try tampered.verify(genesis: makeGenesis(), attestation: leaf) })
    }
    #expect(rejection { $0.attestationProof.siblings[0] = testDigest("x") } == "attestationNotIncluded")
    #expect(rejection { $0.attestationProof.leafIndex = 2 } == "attestationNotIncluded")
    #expect(rejection { $0.attestationProof.leafCount = 6 } == "attestationNotIncluded")
    #expect(rejection { $0.transactionProof.siblings[0] = testDigest("x") } == "transactionNotIncluded")
    #expect(rejection { $0.header.timestamp += 1 } == "registrationSignatures")
    #expect(rejection { $0.signatures.removeLast() } == "registrationSignatures")
    #expect(rejection { $0.genesisHash = testDigest("other chain") } == "genesisMismatch")
    // The batch claims another root: its signature no longer verifies.
    #expect(rejection {
        if case let .attestInferenceBatch(modelID, _, count) = $0.transaction.body {
            $0.transaction.body = .attestInferenceBatch(modelID: modelID, root: testDigest("root"), count: count)
        }
    } == "badTransactionSignature")
    // Another chain's genesis.
    #expect(caseName(of: receiptError { _ = try made.verify(genesis: makeGenesis(name: "other"), attestation: leaf) }) == "genesisMismatch")
}

@Test func attestationReceiptDecodingNeverTraps() throws {
    let (_, _, receipt) = try attestedChain()
    let bytes = try receipt(1).encoded()
    for length in 0..<bytes.count {
        #expect(decodingError { _ = try AttestationReceipt(decoding: Array(bytes.prefix(length))) } != nil)
    }
    #expect(decodingError { _ = try AttestationReceipt(decoding: bytes + [0]) } != nil)
    for position in stride(from: 0, to: bytes.count, by: 3) {
        var mutated = bytes
        mutated[position] ^= UInt8(truncatingIfNeeded: position | 1)
        _ = try? AttestationReceipt(decoding: mutated)
    }
    // A model receipt is not an attestation receipt.
    let chain = try attestedChain().chain
    #expect(decodingError { _ = try AttestationReceipt(decoding: try chain.receipt(for: testDigest("model a")).encoded()) } != nil)
}

@Test func onlyTheOwnerAttestsForARegisteredModelNotRevoked() throws {
    var chain = TestChain()
    try chain.append([chain.transaction(.registerModel(registration("a")), from: alice)])
    let batch = { (modelID: Digest, count: UInt32) in TransactionBody.attestInferenceBatch(modelID: modelID, root: testDigest("r"), count: count) }
    /// The validation error of a block with this one transaction (the sender's nonce taken from the state).
    func refusal(_ body: TransactionBody, from key: SigningKey) -> String? {
        chain.nonces[key.publicKey] = chain.state.nextNonce(for: key.publicKey)
        return caseName(of: validationError { try chain.append([chain.transaction(body, from: key)]) })
    }
    #expect(refusal(batch(testDigest("model a"), 3), from: bob) == "notModelOwner")
    #expect(refusal(batch(testDigest("model z"), 3), from: alice) == "unknownModel")
    #expect(refusal(batch(testDigest("model a"), 0), from: alice) == "emptyAttestationBatch")
    #expect(refusal(batch(testDigest("model a"), 7), from: alice) == nil)
    #expect(chain.state.attestationCount == 7)
    #expect(refusal(.revokeModel(modelID: testDigest("model a")), from: alice) == nil)
    #expect(refusal(batch(testDigest("model a"), 1), from: alice) == "attestationOnRevokedModel")
    // The body's encoding round-trips (tag 5).
    let transaction = Transaction.signed(body: batch(testDigest("model a"), 9), nonce: 1, chainID: chain.chainID, key: alice)
    #expect(try Transaction(decoding: transaction.encoded()) == transaction)
}
