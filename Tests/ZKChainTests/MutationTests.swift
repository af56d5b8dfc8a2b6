import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// Random single-byte mutations of an encoded block and of an encoded receipt: each must be
// rejected (by the decoder, or by validation / verification), and none may trap.

private let mutationCount = 600

@Test func mutatedBlocksAreAlwaysRejected() throws {
    var chain = TestChain()
    try chain.append([chain.transaction(.registerModel(registration("a")), from: alice)])
    let block = try chain.block([
        chain.transaction(.registerModel(registration("b", metadata: ["k1": "v1", "k2": "v2"])), from: bob),
        chain.transaction(.registerDataset(merkleRoot: testDigest("d"), size: 9, name: "data"), from: carol),
        chain.transaction(.attestInference(modelID: testDigest("model a"), inputDigest: testDigest("i"),
                                           outputDigest: testDigest("o"), proofDigest: testDigest("p")), from: carol),
        chain.transaction(.revokeModel(modelID: testDigest("model a")), from: alice),
    ], signers: [0, 1, 2])
    let bytes = block.encoded()
    var check = chain.state
    try check.apply(try Block(decoding: bytes), now: testNow)

    var generator = SeededGenerator(defaultSeed: 0xB10C)
    var decodeRejections = 0
    var validationRejections = 0
    var accepted = [Int]()
    for _ in 0..<mutationCount {
        var mutated = bytes
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        mutated[position] ^= UInt8.random(in: 1...255, using: &generator)
        guard let decoded = try? Block(decoding: mutated) else {
            decodeRejections += 1
            continue
        }
        var state = chain.state
        if validationError({ try state.apply(decoded, now: testNow) }) != nil {
            validationRejections += 1
            #expect(state == chain.state)
        } else {
            accepted.append(position)
        }
    }
    #expect(accepted.isEmpty, generator.comment("mutations at bytes \(accepted) were accepted"))
    #expect(decodeRejections + validationRejections == mutationCount, generator.comment())
    #expect(decodeRejections > 0 && validationRejections > 0, generator.comment())
}

@Test func mutatedReceiptsAreAlwaysRejected() throws {
    let genesis = makeGenesis()
    let chain = try Chain(genesis: genesis, store: InMemoryChainStore(), now: { testNow })
    let signers = [(index: 0, key: validatorKeys[0]), (index: 1, key: validatorKeys[1]), (index: 2, key: validatorKeys[2])]
    for (index, key) in [alice, bob, carol, alice].enumerated() {
        let transaction = Transaction.signed(body: .registerModel(registration("m\(index)", metadata: ["i": "\(index)"])),
                                             nonce: chain.state.nextNonce(for: key.publicKey), chainID: genesis.hash, key: key)
        _ = try chain.produceBlock(transactions: [transaction], timestamp: genesisTimestamp + UInt64(index), signers: signers)
    }
    let bytes = try chain.receipt(for: testDigest("model m1")).encoded()
    _ = try ModelReceipt(decoding: bytes).verify(genesis: genesis)

    var generator = SeededGenerator(defaultSeed: 0x2EC1)
    var decodeRejections = 0
    var verifyRejections = 0
    var accepted = [Int]()
    for _ in 0..<mutationCount {
        var mutated = bytes
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        mutated[position] ^= UInt8.random(in: 1...255, using: &generator)
        guard let decoded = try? ModelReceipt(decoding: mutated) else {
            decodeRejections += 1
            continue
        }
        if receiptError({ _ = try decoded.verify(genesis: genesis) }) != nil {
            verifyRejections += 1
        } else {
            accepted.append(position)
        }
    }
    #expect(accepted.isEmpty, generator.comment("mutations at bytes \(accepted) were accepted"))
    #expect(decodeRejections + verifyRejections == mutationCount, generator.comment())
    #expect(decodeRejections > 0 && verifyRejections > 0, generator.comment())
}

@Test func mutatedTransactionsNeverTrapAndNeverValidate() throws {
    let chain = TestChain()
    let transaction = Transaction.signed(body: .registerModel(registration("a", metadata: ["a": "1", "b": "2"])), nonce: 1,
                                         chainID: chain.chainID, key: alice)
    let bytes = transaction.encoded()
    var generator = SeededGenerator(defaultSeed: 0x7A)
    var accepted = [Int]()
    for _ in 0..<mutationCount {
        var mutated = bytes
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        mutated[position] ^= UInt8.random(in: 1...255, using: &generator)
        guard let decoded = try? Transaction(decoding: mutated) else { continue }
        if validationError({ try chain.state.validate(decoded) }) == nil { accepted.append(position) }
    }
    #expect(accepted.isEmpty, generator.comment("mutations at bytes \(accepted) were accepted"))
}
