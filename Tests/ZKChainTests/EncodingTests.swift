import Foundation
import Testing
import ZKChain
import ZKProof
import ZKTestSupport

// Round trips of every encoding, and the canonical-form rules of the decoders.

private func sampleBodies() -> [TransactionBody] {
    [
        .registerModel(registration("a", metadata: ["license": "MIT", "homepage": "https://example.org", "é": "ü"])),
        .registerModel(registration("empty", metadata: [:])),
        .revokeModel(modelID: testDigest("model a")),
        .registerDataset(merkleRoot: testDigest("dataset"), size: 60_000, name: "mnist-train"),
        .attestInference(modelID: testDigest("model a"), inputDigest: testDigest("in"),
                         outputDigest: testDigest("out"), proofDigest: testDigest("proof")),
    ]
}

@Test func transactionsRoundTripInEveryBodyType() throws {
    let chainID = makeGenesis().hash
    for (index, body) in sampleBodies().enumerated() {
        let transaction = Transaction.signed(body: body, nonce: UInt64(index + 1), chainID: chainID, key: alice)
        let bytes = transaction.encoded()
        let decoded = try Transaction(decoding: bytes)
        #expect(decoded == transaction)
        #expect(decoded.encoded() == bytes)
        #expect(decoded.id == transaction.id)
        #expect(decoded.id == SHA256.hash(bytes))
        #expect(decoded.hasValidSignature)
        #expect(transaction.signingBytes.starts(with: Array("zkinfer.tx.v1".utf8)))
        #expect(Array(transaction.signingBytes.dropFirst(13)) == Array(bytes.dropLast(64)))
    }
}

@Test func metadataEncodesInByteOrderWhateverTheDictionaryOrder() throws {
    let keys = (0..<32).map { "key-\($0)" }
    let metadata = Dictionary(uniqueKeysWithValues: keys.map { ($0, String(repeating: "v", count: 900)) })
    let body = TransactionBody.registerModel(registration("big", metadata: metadata))
    let first = Transaction.signed(body: body, nonce: 1, chainID: .zero, key: alice)
    let second = Transaction.signed(body: body, nonce: 1, chainID: .zero, key: alice)
    #expect(first.encoded() == second.encoded())
    #expect(first.encoded().count <= ChainLimits.maximumTransactionBytes)
    #expect(try Transaction(decoding: first.encoded()) == first)
}

@Test func headersBlocksAndRecordsRoundTrip() throws {
    var chain = TestChain()
    let transactions = sampleBodies().enumerated().map { index, body in
        // Alice registers "a"; a revocation and attestation of it would need the model first, so
        // this block holds only the bodies valid on an empty chain.
        chain.transaction(body, from: index == 0 ? alice : bob)
    }
    let block = Block(header: BlockHeader(chainID: chain.chainID, height: 7, previousHash: testDigest("prev"), timestamp: 123,
                                          transactionsRoot: Block.transactionsRoot(of: transactions),
                                          transactionCount: UInt32(transactions.count),
                                          modelsRoot: testDigest("models"), modelCount: 2),
                      signatures: [], transactions: transactions)
        .signed(by: validatorKeys[2], index: 2)
        .signed(by: validatorKeys[0], index: 0)
    #expect(block.signatures.map(\.validatorIndex) == [0, 2])
    let bytes = block.encoded()
    let decoded = try Block(decoding: bytes)
    #expect(decoded == block)
    #expect(decoded.encoded() == bytes)
    #expect(try BlockHeader(decoding: block.header.encoded()) == block.header)
    #expect(block.header.encoded().count == BlockHeader.encodedByteCount)
    #expect(block.hash == block.header.hash)

    let empty = Block.make(chainID: chain.chainID, height: 1, previousHash: chain.chainID, timestamp: 5, transactions: [], registryAfter: [:])
    #expect(empty.header.transactionsRoot == MerkleTree.emptyRoot)
    #expect(empty.header.modelsRoot == MerkleTree.emptyRoot)
    #expect(try Block(decoding: empty.encoded()) == empty)

    for revokedAt: UInt64? in [nil, 9] {
        let record = ModelRecord(modelID: testDigest("m"), circuitDigest: testDigest("c"), weightsCommitment: testDigest("w"),
                                 owner: alice.publicKey, name: "näme", version: "2", registeredAt: 3, revokedAt: revokedAt)
        #expect(try ModelRecord(decoding: record.encoded()) == record)
    }
}

@Test func blockMakeMatchesProposedBlock() throws {
    var chain = TestChain()
    let register = chain.transaction(.registerModel(registration("a")), from: alice)
    let proposed = try chain.state.proposeBlock(transactions: [register], timestamp: genesisTimestamp + 1)
    let record = ModelRecord(modelID: testDigest("model a"), circuitDigest: testDigest("circuit a"),
                             weightsCommitment: testDigest("weights a"), owner: alice.publicKey,
                             name: "model-a", version: "1.0", registeredAt: 1)
    let made = Block.make(chainID: chain.chainID, height: 1, previousHash: chain.chainID, timestamp: genesisTimestamp + 1,
                          transactions: [register], registryAfter: [record.modelID: record])
    #expect(made == proposed)
    #expect(made.header.modelsRoot == ModelRegistryTree.root(of: [record.modelID: record]))
    #expect(made.header.modelsRoot == MerkleTree(leaves: [record.encoded()]).root)
}

@Test func genesisJSONRoundTripsAndHashesCanonically() throws {
    let genesis = makeGenesis()
    let json = genesis.json()
    let text = try #require(String(data: json, encoding: .utf8))
    #expect(text.contains("\"chain_name\""))
    #expect(text.contains("\"timestamp_ms\" : 1700000000000"))
    let decoded = try Genesis(json: json)
    #expect(decoded == genesis)
    #expect(decoded.hash == genesis.hash)
    #expect(decoded.json() == json)
    // The programmatic initialiser sorts: any key order names the same chain.
    let reversed = try Genesis(chainName: "zkinfer-test", timestamp: genesisTimestamp,
                               validators: validatorKeys.map(\.publicKey).reversed(), threshold: 2)
    #expect(reversed.hash == genesis.hash)
    #expect(makeGenesis(threshold: 3).hash != genesis.hash)
    #expect(makeGenesis(name: "other").hash != genesis.hash)
}

@Test func genesisRulesAreEnforced() throws {
    let keys = validatorKeys.map(\.publicKey)
    func invalid(_ body: () throws -> Void) -> Bool {
        caseName(of: decodingError(body)) == "invalidGenesis"
    }
    #expect(invalid { _ = try Genesis(chainName: "x", timestamp: 0, validators: keys, threshold: 0) })
    #expect(invalid { _ = try Genesis(chainName: "x", timestamp: 0, validators: keys, threshold: 4) })
    #expect(invalid { _ = try Genesis(chainName: "x", timestamp: 0, validators: [], threshold: 1) })
    #expect(invalid { _ = try Genesis(chainName: "x", timestamp: 0, validators: [keys[0], keys[0]], threshold: 1) })
    #expect(invalid { _ = try Genesis(chainName: "", timestamp: 0, validators: keys, threshold: 1) })
    #expect(invalid { _ = try Genesis(chainName: String(repeating: "n", count: 257), timestamp: 0, validators: keys, threshold: 1) })

    func json(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }
    let good: [String: Any] = ["chain_name": "c", "timestamp_ms": 5, "validators": keys.map(\.hex), "threshold": 2]
    #expect(try Genesis(json: json(good)).threshold == 2)
    var unsorted = good
    unsorted["validators"] = keys.reversed().map(\.hex)
    let unsortedJSON = try json(unsorted)
    #expect(invalid { _ = try Genesis(json: unsortedJSON) })
    var badHex = good
    badHex["validators"] = [keys[0].hex, "zz"]
    let badHexJSON = try json(badHex)
    #expect(invalid { _ = try Genesis(json: badHexJSON) })
    var extra = good
    extra["proposer"] = "me"
    let extraJSON = try json(extra)
    #expect(caseName(of: decodingError { _ = try Genesis(json: extraJSON) }) == "invalidJSON")
    var missing = good
    missing["threshold"] = nil
    let missingJSON = try json(missing)
    #expect(caseName(of: decodingError { _ = try Genesis(json: missingJSON) }) == "invalidJSON")
    var wrongType = good
    wrongType["timestamp_ms"] = "soon"
    let wrongTypeJSON = try json(wrongType)
    #expect(caseName(of: decodingError { _ = try Genesis(json: wrongTypeJSON) }) == "invalidJSON")
    #expect(caseName(of: decodingError { _ = try Genesis(json: Data("[1,2]".utf8)) }) == "invalidJSON")
    #expect(caseName(of: decodingError { _ = try Genesis(json: Data("{".utf8)) }) == "invalidJSON")
    let huge = Data(repeating: 0x20, count: ChainLimits.maximumGenesisJSONBytes + 1)
    #expect(caseName(of: decodingError { _ = try Genesis(json: huge) }) == "tooLarge")
}

/// Hand-built RegisterModel encodings, to feed the decoder what the encoder never writes.
private func registrationBytes(name: [UInt8] = Array("n".utf8), metadata: [([UInt8], [UInt8])] = [],
                               metadataCount: UInt32? = nil, tag: UInt8 = 1, version: UInt8 = 1) -> [UInt8] {
    var writer = ByteWriter()
    writer.write(version)
    writer.write(testDigest("chain"))
    writer.write(raw: alice.publicKey.bytes)
    writer.write(UInt64(1))
    writer.write(tag)
    writer.write(testDigest("id"))
    writer.write(testDigest("circuit"))
    writer.write(testDigest("weights"))
    writer.write(UInt32(name.count))
    writer.write(raw: name)
    writer.write(UInt32(1))
    writer.write(raw: Array("1".utf8))
    writer.write(metadataCount ?? UInt32(metadata.count))
    for (key, value) in metadata {
        writer.write(UInt32(key.count))
        writer.write(raw: key)
        writer.write(UInt32(value.count))
        writer.write(raw: value)
    }
    writer.write(raw: [UInt8](repeating: 7, count: 64))
    return writer.bytes
}

@Test func transactionDecodingRejectsNonCanonicalInput() throws {
    let a = Array("a".utf8), b = Array("b".utf8), v = Array("v".utf8)
    let canonical = registrationBytes(metadata: [(a, v), (b, v)])
    let decoded = try Transaction(decoding: canonical)
    #expect(decoded.encoded() == canonical)

    func malformed(_ bytes: [UInt8]) -> Bool {
        caseName(of: decodingError { _ = try Transaction(decoding: bytes) }) == "malformed"
    }
    #expect(malformed(registrationBytes(metadata: [(b, v), (a, v)])), "unsorted metadata keys")
    #expect(malformed(registrationBytes(metadata: [(a, v), (a, v)])), "duplicate metadata keys")
    // "é" precomposed and decomposed: byte-ordered and distinct, yet equal as Swift strings.
    #expect(malformed(registrationBytes(metadata: [([0x65, 0xCC, 0x81], v), ([0xC3, 0xA9], v)])), "equivalent keys")
    #expect(malformed(registrationBytes(name: [0x66, 0xFF])), "invalid UTF-8")
    #expect(malformed(registrationBytes(name: [0xC3])), "truncated UTF-8 sequence")
    #expect(malformed(registrationBytes(name: [UInt8](repeating: 0x61, count: 257))), "name over 256 bytes")
    #expect(malformed(registrationBytes(metadata: [(a, [UInt8](repeating: 0x61, count: 1024))])), "entry over 1 KiB")
    #expect(malformed(registrationBytes(metadataCount: 33)), "33 metadata entries")
    #expect(malformed(registrationBytes(tag: 9)), "unknown type")
    #expect(malformed(registrationBytes(version: 2)), "unknown version")
    #expect(malformed(canonical + [0]), "trailing byte")
    #expect(malformed(Array(canonical.dropLast())), "truncated signature")
    #expect(malformed([]), "empty input")
    let oversized = [UInt8](repeating: 0, count: ChainLimits.maximumTransactionBytes + 1)
    #expect(caseName(of: decodingError { _ = try Transaction(decoding: oversized) }) == "tooLarge")
}

@Test func blockAndRecordDecodingRejectNonCanonicalInput() throws {
    var chain = TestChain()
    let block = try chain.block([chain.transaction(.registerModel(registration("a")), from: alice)], signers: [0, 1, 2])
    let bytes = block.encoded()
    func malformed(_ bytes: [UInt8]) -> Bool {
        caseName(of: decodingError { _ = try Block(decoding: bytes) }) == "malformed"
    }
    #expect(malformed(bytes + [0]))
    #expect(malformed(Array(bytes.dropLast())))
    // Signatures start after the version byte, the header and the UInt32 count; each entry is
    // a UInt16 index and 64 bytes. Swapping the first two entries breaks ascending order.
    let signaturesStart = 1 + BlockHeader.encodedByteCount + 4
    var swapped = bytes
    let first = Array(bytes[signaturesStart..<(signaturesStart + 66)])
    let second = Array(bytes[(signaturesStart + 66)..<(signaturesStart + 132)])
    swapped.replaceSubrange(signaturesStart..<(signaturesStart + 132), with: second + first)
    #expect(malformed(swapped))
    // A transaction count above 4,096 is refused before anything is allocated.
    var tooMany = Array(bytes[..<(signaturesStart + 3 * 66)])
    tooMany += [0x01, 0x10, 0x00, 0x00]
    #expect(malformed(tooMany))
    let oversized = [UInt8](repeating: 0, count: ChainLimits.maximumBlockBytes + 1)
    #expect(caseName(of: decodingError { _ = try Block(decoding: oversized) }) == "tooLarge")

    let record = ModelRecord(modelID: .zero, circuitDigest: .zero, weightsCommitment: .zero, owner: alice.publicKey,
                             name: "n", version: "v", registeredAt: 1, revokedAt: 2)
    var badFlag = record.encoded()
    badFlag[badFlag.count - 9] = 2
    #expect(caseName(of: decodingError { _ = try ModelRecord(decoding: badFlag) }) == "malformed")
    #expect(caseName(of: decodingError { _ = try ModelRecord(decoding: record.encoded() + [0]) }) != nil)
}

@Test func equalityFollowsTheBytesNotUnicodeEquivalence() throws {
    // "é" precomposed and decomposed: equal Swift strings, different encodings and IDs.
    var precomposed = registration("a")
    precomposed.name = "caf\u{E9}"
    var decomposed = registration("a")
    decomposed.name = "cafe\u{301}"
    #expect(precomposed.name == decomposed.name)
    let first = Transaction.signed(body: .registerModel(precomposed), nonce: 1, chainID: .zero, key: alice)
    let second = Transaction.signed(body: .registerModel(decomposed), nonce: 1, chainID: .zero, key: alice)
    #expect(first.id != second.id)
    #expect(first != second)
    #expect(Set([first, second]).count == 2)
    #expect(try Transaction(decoding: second.encoded()).encoded() == second.encoded())
}
