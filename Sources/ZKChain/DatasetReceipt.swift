import ZKProof

/// Offline evidence that a dataset was registered: the registration block's signed header and
/// the RegisterDataset transaction with its inclusion path. Datasets are never revoked, so,
/// unlike a model's receipt, no later header is needed.
public struct DatasetReceipt: Sendable, Equatable {
    public var genesisHash: Digest
    public var header: BlockHeader
    public var signatures: [ValidatorSignature]
    /// The RegisterDataset transaction.
    public var transaction: Transaction
    /// The transaction's path under `header.transactionsRoot`.
    public var transactionProof: MerkleInclusionProof

    public static let magic = Array("ZKDR".utf8)
    static let encodingVersion: UInt8 = 1

    public init(genesisHash: Digest, header: BlockHeader, signatures: [ValidatorSignature], transaction: Transaction,
                transactionProof: MerkleInclusionProof) {
        self.genesisHash = genesisHash
        self.header = header
        self.signatures = signatures
        self.transaction = transaction
        self.transactionProof = transactionProof
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.encodingVersion)
        writer.write(genesisHash)
        header.write(into: &writer)
        ValidatorSignature.writeList(signatures, into: &writer)
        let transactionBytes = transaction.encoded()
        writer.write(UInt32(clamping: transactionBytes.count))
        writer.write(raw: transactionBytes)
        writer.write(UInt32(clamping: transactionProof.leafIndex))
        for sibling in transactionProof.siblings { writer.write(sibling) }
        return writer.bytes
    }

    /// Decodes untrusted bytes (at most 256 KiB, canonical, nothing trailing); nothing is
    /// verified here: call `verify(genesis:)`.
    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        guard bytes.count <= ChainLimits.maximumReceiptBytes else {
            throw .tooLarge(what: "dataset receipt", size: bytes.count, limit: ChainLimits.maximumReceiptBytes)
        }
        do throws(DecodingError) {
            var reader = ByteReader(bytes)
            let magic = try reader.readRaw(Self.magic.count, "dataset receipt magic")
            guard magic == Self.magic else { throw ZKProof.DecodingError.badMagic(expected: Self.magic, got: magic) }
            try reader.expectVersion("dataset receipt", supported: Self.encodingVersion)
            let genesisHash = try reader.readDigest("genesis hash")
            let header = try BlockHeader.read(from: &reader)
            let signatures = try ValidatorSignature.readList(from: &reader, "header signature")
            let transaction = try reader.readNested("registration transaction", limit: ChainLimits.maximumTransactionBytes) {
                (inner: inout ByteReader) throws(DecodingError) in try Transaction.read(from: &inner)
            }
            let transactionProof = try ModelReceipt.readPath(from: &reader, "transaction path",
                                                             leafIndex: UInt64(try reader.readUInt32("transaction leaf index")),
                                                             leafCount: UInt64(header.transactionCount))
            try reader.finish()
            self.init(genesisHash: genesisHash, header: header, signatures: signatures, transaction: transaction,
                      transactionProof: transactionProof)
        } catch {
            throw .malformed(error)
        }
    }

    /// Checks the receipt against `genesis` alone and returns the dataset's record: the genesis
    /// hash; the header names this chain and carries a quorum of genesis validators' signatures;
    /// the transaction is a RegisterDataset for this chain, signed by its sender, and included
    /// under the header's transactions root.
    public func verify(genesis: Genesis) throws(ReceiptError) -> DatasetRecord {
        let chainID = genesis.hash
        guard genesisHash == chainID else { throw .genesisMismatch(expected: chainID, got: genesisHash) }
        guard header.chainID == chainID else { throw .headerForOtherChain(height: header.height, chainID: header.chainID) }
        do {
            try genesis.checkQuorum(signatures, headerHash: header.hash)
        } catch {
            throw .registrationSignatures(height: header.height, error)
        }
        guard transaction.chainID == chainID else { throw .wrongChainID(expected: chainID, got: transaction.chainID) }
        guard case let .registerDataset(merkleRoot, size, name) = transaction.body else {
            throw .notARegistration(kind: transaction.body.kind)
        }
        try transaction.checkSignedAndIncluded(in: header, proof: transactionProof)
        return DatasetRecord(merkleRoot: merkleRoot, size: size, name: name, owner: transaction.sender, registeredAt: header.height)
    }
}
