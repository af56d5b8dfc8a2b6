import ZKProof

/// Offline evidence that a prediction was logged on the chain by the model's owner: the signed
/// header of the block holding the AttestInferenceBatch transaction, the transaction with its
/// inclusion path, and the prediction's path under the batch's root. The leaf itself is not
/// carried: the verifier recomputes it from the proof it holds.
public struct AttestationReceipt: Sendable, Equatable {
    public var genesisHash: Digest
    public var header: BlockHeader
    public var signatures: [ValidatorSignature]
    /// The AttestInferenceBatch transaction.
    public var transaction: Transaction
    /// The transaction's path under `header.transactionsRoot`.
    public var transactionProof: MerkleInclusionProof
    /// The prediction's path under the batch's root (leaf count: the batch's count).
    public var attestationProof: MerkleInclusionProof

    public static let magic = Array("ZKAR".utf8)
    static let encodingVersion: UInt8 = 1

    public init(genesisHash: Digest, header: BlockHeader, signatures: [ValidatorSignature], transaction: Transaction,
                transactionProof: MerkleInclusionProof, attestationProof: MerkleInclusionProof) {
        self.genesisHash = genesisHash
        self.header = header
        self.signatures = signatures
        self.transaction = transaction
        self.transactionProof = transactionProof
        self.attestationProof = attestationProof
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
        writer.write(UInt32(clamping: attestationProof.leafIndex))
        for sibling in attestationProof.siblings { writer.write(sibling) }
        return writer.bytes
    }

    /// Decodes untrusted bytes (at most 256 KiB, canonical, nothing trailing); nothing is
    /// verified here: call `verify(genesis:attestation:)`.
    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        guard bytes.count <= ChainLimits.maximumReceiptBytes else {
            throw .tooLarge(what: "attestation receipt", size: bytes.count, limit: ChainLimits.maximumReceiptBytes)
        }
        do throws(DecodingError) {
            var reader = ByteReader(bytes)
            let magic = try reader.readRaw(Self.magic.count, "attestation receipt magic")
            guard magic == Self.magic else { throw ZKProof.DecodingError.badMagic(expected: Self.magic, got: magic) }
            try reader.expectVersion("attestation receipt", supported: Self.encodingVersion)
            let genesisHash = try reader.readDigest("genesis hash")
            let header = try BlockHeader.read(from: &reader)
            let signatures = try ValidatorSignature.readList(from: &reader, "header signature")
            let transaction = try reader.readNested("attestation transaction", limit: ChainLimits.maximumTransactionBytes) {
                (inner: inout ByteReader) throws(DecodingError) in try Transaction.read(from: &inner)
            }
            let transactionProof = try ModelReceipt.readPath(from: &reader, "transaction path",
                                                             leafIndex: UInt64(try reader.readUInt32("transaction leaf index")),
                                                             leafCount: UInt64(header.transactionCount))
            guard case let .attestInferenceBatch(_, _, count) = transaction.body else {
                throw ZKProof.DecodingError.invalidValue(what: "attestation transaction", offset: reader.offset,
                                                         reason: "a \(transaction.body.kind), not an AttestInferenceBatch")
            }
            let attestationProof = try ModelReceipt.readPath(from: &reader, "attestation path",
                                                             leafIndex: UInt64(try reader.readUInt32("attestation leaf index")),
                                                             leafCount: UInt64(count))
            try reader.finish()
            self.init(genesisHash: genesisHash, header: header, signatures: signatures, transaction: transaction,
                      transactionProof: transactionProof, attestationProof: attestationProof)
        } catch {
            throw .malformed(error)
        }
    }

    /// Checks the receipt against `genesis` alone and that `attestation` is one of its batch's
    /// leaves: the genesis hash; the header names this chain and carries a quorum of genesis
    /// validators' signatures; the transaction is an AttestInferenceBatch of the attestation's
    /// model, for this chain, signed by its sender, included under the header's transactions
    /// root; the attestation's leaf is under the batch's root. Returns who attested and when
    /// (the chain admitted the batch only from the model's owner, for a model not revoked).
    public func verify(genesis: Genesis, attestation: InferenceAttestation) throws(ReceiptError) -> AttestationRecord {
        let chainID = genesis.hash
        guard genesisHash == chainID else { throw .genesisMismatch(expected: chainID, got: genesisHash) }
        guard header.chainID == chainID else { throw .headerForOtherChain(height: header.height, chainID: header.chainID) }
        do {
            try genesis.checkQuorum(signatures, headerHash: header.hash)
        } catch {
            throw .registrationSignatures(height: header.height, error)
        }
        guard transaction.chainID == chainID else { throw .wrongChainID(expected: chainID, got: transaction.chainID) }
        guard case let .attestInferenceBatch(modelID, root, count) = transaction.body else {
            throw .notAnAttestation(kind: transaction.body.kind)
        }
        guard modelID == attestation.modelID else { throw .recordMismatch(field: "model ID") }
        try transaction.checkSignedAndIncluded(in: header, proof: transactionProof)
        guard attestationProof.leafCount == Int(count) else {
            throw .attestationNotIncluded(height: header.height, .leafIndexOutOfRange(index: attestationProof.leafIndex, leafCount: Int(count)))
        }
        do {
            try attestationProof.verify(leafHash: attestation.leafHash, root: root)
        } catch {
            throw .attestationNotIncluded(height: header.height, error)
        }
        return AttestationRecord(modelID: modelID, attester: transaction.sender, height: header.height, timestamp: header.timestamp,
                                 batchRoot: root, batchSize: Int(count))
    }
}

/// What a verified attestation receipt establishes.
public struct AttestationRecord: Sendable, Equatable {
    public var modelID: Digest
    /// The key that signed the batch: the model's owner when it was attested.
    public var attester: PublicKey
    public var height: UInt64
    /// The block's time, milliseconds since 1970 (UTC).
    public var timestamp: UInt64
    public var batchRoot: Digest
    public var batchSize: Int

    public init(modelID: Digest, attester: PublicKey, height: UInt64, timestamp: UInt64, batchRoot: Digest, batchSize: Int) {
        self.modelID = modelID
        self.attester = attester
        self.height = height
        self.timestamp = timestamp
        self.batchRoot = batchRoot
        self.batchSize = batchSize
    }
}
