import ZKProof

/// A header, its validator signatures (ascending, distinct indices) and its transactions.
/// Encoding: version byte, header, signature count (UInt32) and signatures, transaction count
/// (UInt32) and each transaction as a UInt32 length and its bytes.
public struct Block: Sendable, Hashable {
    public var header: BlockHeader
    public var signatures: [ValidatorSignature]
    public var transactions: [Transaction]

    static let encodingVersion: UInt8 = 1

    public init(header: BlockHeader, signatures: [ValidatorSignature], transactions: [Transaction]) {
        self.header = header
        self.signatures = signatures
        self.transactions = transactions
    }

    public var height: UInt64 { header.height }
    public var hash: Digest { header.hash }

    /// An unsigned block whose roots and counts are computed: `registryAfter` is the model
    /// registry once these transactions are applied (use `ChainState.proposeBlock` to have it
    /// computed and the transactions validated).
    public static func make(chainID: Digest, height: UInt64, previousHash: Digest, timestamp: UInt64,
                            transactions: [Transaction], registryAfter: [Digest: ModelRecord]) -> Block {
        let header = BlockHeader(chainID: chainID, height: height, previousHash: previousHash, timestamp: timestamp,
                                 transactionsRoot: transactionsRoot(of: transactions),
                                 transactionCount: UInt32(clamping: transactions.count),
                                 modelsRoot: ModelRegistryTree.root(of: registryAfter),
                                 modelCount: UInt64(registryAfter.count))
        return Block(header: header, signatures: [], transactions: transactions)
    }

    /// RFC 6962 root over the transactions' encodings.
    public static func transactionsRoot(of transactions: [Transaction]) -> Digest {
        MerkleTree(leaves: transactions.map { $0.encoded() }).root
    }

    /// The inclusion path of transaction `index` under `transactionsRoot`, nil when out of range.
    public func transactionInclusionProof(index: Int) -> MerkleInclusionProof? {
        guard transactions.indices.contains(index) else { return nil }
        return MerkleTree(leaves: transactions.map { $0.encoded() }).inclusionProof(index: index)
    }

    /// This block with `key`'s signature over the header hash added as validator `index`
    /// (replacing an earlier signature of that index), keeping the list sorted.
    /// Precondition: `index` fits a UInt16 (it is a position in the genesis validator list,
    /// which holds at most 256 keys; a caller's bug, never untrusted input).
    public func signed(by key: SigningKey, index: Int) -> Block {
        precondition((0...Int(UInt16.max)).contains(index), "validator index \(index) out of range")
        var block = self
        let entry = ValidatorSignature(validatorIndex: UInt16(index), signature: key.sign(header.hash.bytes))
        block.signatures.removeAll { $0.validatorIndex == entry.validatorIndex }
        block.signatures.append(entry)
        block.signatures.sort { $0.validatorIndex < $1.validatorIndex }
        return block
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(Self.encodingVersion)
        header.write(into: &writer)
        ValidatorSignature.writeList(signatures, into: &writer)
        writer.write(UInt32(clamping: transactions.count))
        for transaction in transactions {
            let bytes = transaction.encoded()
            writer.write(UInt32(clamping: bytes.count))
            writer.write(raw: bytes)
        }
        return writer.bytes
    }

    /// Decodes untrusted bytes: at most 32 MiB and 4,096 transactions of at most 64 KiB each,
    /// signatures in strictly ascending index order, every transaction canonical, nothing
    /// trailing. Nothing is verified against a chain here (`ChainState.apply` does that).
    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        guard bytes.count <= ChainLimits.maximumBlockBytes else {
            throw .tooLarge(what: "block", size: bytes.count, limit: ChainLimits.maximumBlockBytes)
        }
        do {
            var reader = ByteReader(bytes)
            try reader.expectVersion("block", supported: Self.encodingVersion)
            let header = try BlockHeader.read(from: &reader)
            let signatures = try ValidatorSignature.readList(from: &reader, "block signature")
            let count = try reader.readCount("block transaction count", limit: ChainLimits.maximumBlockTransactions)
            var transactions = [Transaction]()
            transactions.reserveCapacity(count)
            for index in 0..<count {
                transactions.append(try reader.readNested("transaction \(index)", limit: ChainLimits.maximumTransactionBytes) {
                    (inner: inout ByteReader) throws(DecodingError) in try Transaction.read(from: &inner)
                })
            }
            try reader.finish()
            self.init(header: header, signatures: signatures, transactions: transactions)
        } catch {
            throw .malformed(error)
        }
    }
}
