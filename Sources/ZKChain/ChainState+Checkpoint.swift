import ZKProof

// A checkpoint is the state after some block, stored beside the blocks so that a restarted node
// starts from it and re-validates only the blocks after it: restart time does not grow with the
// chain's length. It is the node's own record of blocks it validated, never received from a
// peer; `Chain.verifyFromGenesis()` re-derives it from the blocks on demand.
//
// Encoding (little-endian, lengths as u32 counts): version, tip height, tip hash, tip timestamp,
// attestation count, transaction count, models root, then the nonces (key, next nonce), the
// model records (length-prefixed canonical encodings), the datasets and the transaction IDs,
// each list sorted so that one state has one encoding. The registry leaves are rebuilt from the
// records and must give the stored models root.
extension ChainState {
    static let checkpointVersion: UInt8 = 1

    /// The canonical encoding of this state, for `init(checkpoint:genesis:)`.
    public func checkpointEncoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(Self.checkpointVersion)
        writer.write(tipHeight)
        writer.write(tipHash)
        writer.write(tipTimestamp)
        writer.write(attestationCount)
        writer.write(transactionCount)
        writer.write(modelsRoot)
        writer.write(UInt32(nextNonces.count))
        for (key, nonce) in nextNonces.sorted(by: { $0.key < $1.key }) {
            writer.write(key)
            writer.write(nonce)
        }
        writer.write(UInt32(models.count))
        for record in models.values.sorted(by: { Digest.precedes($0.modelID, $1.modelID) }) {
            let encoded = record.encoded()
            writer.write(UInt32(encoded.count))
            writer.write(raw: encoded)
        }
        writer.write(UInt32(datasets.count))
        for record in datasets.values.sorted(by: { Digest.precedes($0.merkleRoot, $1.merkleRoot) }) {
            writer.write(record.merkleRoot)
            writer.write(record.size)
            writer.write(string: record.name)
            writer.write(record.owner)
            writer.write(record.registeredAt)
        }
        writer.write(UInt32(transactionIDs.count))
        for id in transactionIDs.sorted(by: Digest.precedes) { writer.write(id) }
        return writer.bytes
    }

    /// The state a checkpoint of a chain with `genesis` holds. Throws on any malformed,
    /// trailing or inconsistent content (a models root the records do not give, counts beyond
    /// what the chain could hold, duplicates).
    public init(checkpoint bytes: [UInt8], genesis: Genesis) throws(ChainDecodingError) {
        self.init(genesis: genesis)
        do {
            var reader = ByteReader(bytes)
            try reader.expectVersion("chain checkpoint", supported: Self.checkpointVersion)
            tipHeight = try reader.readUInt64("tip height")
            tipHash = try reader.readDigest("tip hash")
            tipTimestamp = try reader.readUInt64("tip timestamp")
            attestationCount = try reader.readUInt64("attestation count")
            transactionCount = try reader.readUInt64("transaction count")
            modelsRoot = try reader.readDigest("models root")
            // Every entry takes at least 32 bytes, so no count can exceed the bytes left.
            let limit = bytes.count / 32
            for _ in 0..<(try reader.readCount("sender count", limit: limit)) {
                let key = try reader.readPublicKey("sender")
                let nonce = try reader.readUInt64("next nonce")
                guard nextNonces.updateValue(nonce, forKey: key) == nil else { throw Inconsistency("sender \(key) twice") }
            }
            for _ in 0..<(try reader.readCount("model count", limit: limit)) {
                let length = try reader.readCount("model record length", limit: ModelRecord.maximumEncodedByteCount)
                let record = try ModelRecord(decoding: try reader.readRaw(length, "model record"))
                guard models.updateValue(record, forKey: record.modelID) == nil else { throw Inconsistency("model \(record.modelID) twice") }
            }
            for _ in 0..<(try reader.readCount("dataset count", limit: limit)) {
                let record = DatasetRecord(merkleRoot: try reader.readDigest("dataset root"), size: try reader.readUInt64("dataset size"),
                                           name: try reader.readString("dataset name", limit: ChainLimits.maximumStringBytes),
                                           owner: try reader.readPublicKey("dataset owner"),
                                           registeredAt: try reader.readUInt64("dataset height"))
                guard datasets.updateValue(record, forKey: record.merkleRoot) == nil else { throw Inconsistency("dataset \(record.merkleRoot) twice") }
            }
            let idCount = try reader.readCount("transaction ID count", limit: limit)
            transactionIDs.reserveCapacity(idCount)
            for _ in 0..<idCount { transactionIDs.insert(try reader.readDigest("transaction ID")) }
            try reader.finish()
            guard transactionIDs.count == idCount, UInt64(idCount) == transactionCount else {
                throw Inconsistency("\(idCount) transaction IDs for \(transactionCount) transactions")
            }
            registryLeaves = ModelRegistryLeaves().applying(models)
            guard registryLeaves.root == modelsRoot else { throw Inconsistency("the model records do not give the models root") }
        } catch let error as ChainDecodingError {
            throw error
        } catch let error as Inconsistency {
            throw .inconsistent(what: "chain checkpoint", error.reason)
        } catch let error as DecodingError {
            throw .malformed(error)
        } catch {
            throw .inconsistent(what: "chain checkpoint", "\(error)")
        }
    }
}

/// A checkpoint whose parts disagree.
private struct Inconsistency: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
