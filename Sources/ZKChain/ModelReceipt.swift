import ZKProof

/// Offline evidence that a model was registered on a chain, and its status as of a later
/// signed header. Checked against the genesis alone (its validator keys): no server is trusted.
///
/// Encoding: "ZKRC", version byte, genesis hash, registration header, its signatures, the
/// transaction (UInt32 length and bytes), its leaf index (UInt32) and path, latest header, its
/// signatures, the record (UInt32 length and bytes), its leaf index (UInt64) and path. A path's
/// length follows from its index and the tree size the header states, so it carries no count.
public struct ModelReceipt: Sendable, Equatable {
    public var genesisHash: Digest
    public var registrationHeader: BlockHeader
    public var registrationSignatures: [ValidatorSignature]
    /// The RegisterModel transaction.
    public var transaction: Transaction
    /// The transaction's path under `registrationHeader.transactionsRoot`.
    public var transactionProof: MerkleInclusionProof
    public var latestHeader: BlockHeader
    public var latestSignatures: [ValidatorSignature]
    /// The model's record as of `latestHeader` (`revokedAt` is its revocation status then).
    public var record: ModelRecord
    /// The record's path under `latestHeader.modelsRoot`.
    public var recordProof: MerkleInclusionProof

    public static let magic = Array("ZKRC".utf8)
    static let encodingVersion: UInt8 = 1

    public init(genesisHash: Digest, registrationHeader: BlockHeader, registrationSignatures: [ValidatorSignature],
                transaction: Transaction, transactionProof: MerkleInclusionProof,
                latestHeader: BlockHeader, latestSignatures: [ValidatorSignature],
                record: ModelRecord, recordProof: MerkleInclusionProof) {
        self.genesisHash = genesisHash
        self.registrationHeader = registrationHeader
        self.registrationSignatures = registrationSignatures
        self.transaction = transaction
        self.transactionProof = transactionProof
        self.latestHeader = latestHeader
        self.latestSignatures = latestSignatures
        self.record = record
        self.recordProof = recordProof
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.encodingVersion)
        writer.write(genesisHash)
        registrationHeader.write(into: &writer)
        ValidatorSignature.writeList(registrationSignatures, into: &writer)
        let transactionBytes = transaction.encoded()
        writer.write(UInt32(clamping: transactionBytes.count))
        writer.write(raw: transactionBytes)
        writer.write(UInt32(clamping: transactionProof.leafIndex))
        for sibling in transactionProof.siblings { writer.write(sibling) }
        latestHeader.write(into: &writer)
        ValidatorSignature.writeList(latestSignatures, into: &writer)
        let recordBytes = record.encoded()
        writer.write(UInt32(clamping: recordBytes.count))
        writer.write(raw: recordBytes)
        writer.write(UInt64(clamping: recordProof.leafIndex))
        for sibling in recordProof.siblings { writer.write(sibling) }
        return writer.bytes
    }

    /// Decodes untrusted bytes (at most 256 KiB, everything canonical, nothing trailing).
    /// Nothing is verified here: call `verify(genesis:)`.
    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        guard bytes.count <= ChainLimits.maximumReceiptBytes else {
            throw .tooLarge(what: "receipt", size: bytes.count, limit: ChainLimits.maximumReceiptBytes)
        }
        do throws(DecodingError) {
            var reader = ByteReader(bytes)
            let magic = try reader.readRaw(Self.magic.count, "receipt magic")
            guard magic == Self.magic else { throw ZKProof.DecodingError.badMagic(expected: Self.magic, got: magic) }
            try reader.expectVersion("receipt", supported: Self.encodingVersion)
            let genesisHash = try reader.readDigest("genesis hash")
            let registrationHeader = try BlockHeader.read(from: &reader)
            let registrationSignatures = try ValidatorSignature.readList(from: &reader, "registration header signature")
            let transaction = try reader.readNested("registration transaction", limit: ChainLimits.maximumTransactionBytes) {
                (inner: inout ByteReader) throws(DecodingError) in try Transaction.read(from: &inner)
            }
            let transactionProof = try Self.readPath(from: &reader, "transaction path",
                                                     leafIndex: UInt64(try reader.readUInt32("transaction leaf index")),
                                                     leafCount: UInt64(registrationHeader.transactionCount))
            let latestHeader = try BlockHeader.read(from: &reader)
            let latestSignatures = try ValidatorSignature.readList(from: &reader, "latest header signature")
            let recordBytes = try reader.readRaw(try reader.readCount("model record length", limit: ModelRecord.maximumEncodedByteCount),
                                                 "model record")
            let record: ModelRecord
            do {
                record = try ModelRecord(decoding: recordBytes)
            } catch {
                throw ZKProof.DecodingError.invalidValue(what: "model record", offset: reader.offset - recordBytes.count,
                                                 reason: error.description)
            }
            let recordProof = try Self.readPath(from: &reader, "model record path",
                                                leafIndex: try reader.readUInt64("model record leaf index"),
                                                leafCount: latestHeader.modelCount)
            try reader.finish()
            self.init(genesisHash: genesisHash, registrationHeader: registrationHeader,
                      registrationSignatures: registrationSignatures, transaction: transaction,
                      transactionProof: transactionProof, latestHeader: latestHeader,
                      latestSignatures: latestSignatures, record: record, recordProof: recordProof)
        } catch {
            throw .malformed(error)
        }
    }

    /// A path whose sibling count is fixed by the leaf index and tree size.
    static func readPath(from reader: inout ByteReader, _ what: String,
                                 leafIndex: UInt64, leafCount: UInt64) throws(DecodingError) -> MerkleInclusionProof {
        guard leafIndex < leafCount, leafCount <= UInt64(ChainLimits.maximumTreeLeaves),
              let index = Int(exactly: leafIndex), let count = Int(exactly: leafCount) else {
            throw .invalidValue(what: "\(what) leaf index", offset: reader.offset,
                                reason: "leaf \(leafIndex) of a tree of \(leafCount) leaves")
        }
        let length = MerkleInclusionProof.pathLength(leafIndex: index, leafCount: count)
        var siblings = [Digest]()
        siblings.reserveCapacity(length)
        for level in 0..<length { siblings.append(try reader.readDigest("\(what) sibling \(level)")) }
        return MerkleInclusionProof(leafIndex: index, leafCount: count, siblings: siblings)
    }
}
