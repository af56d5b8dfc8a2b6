import ZKProof

/// What validators sign for a block. The header names its chain (so a header signed for one
/// chain is never evidence on another run by the same validators), and commits to the block's transactions
/// (`transactionsRoot`, `transactionCount`) and to the whole model registry after the block
/// (`modelsRoot`, `modelCount`), so a single signed header proves both a transaction's inclusion
/// and a model's current record, including its revocation status.
public struct BlockHeader: Sendable, Hashable {
    /// The genesis hash.
    public var chainID: Digest
    /// 1 for the first block after genesis.
    public var height: UInt64
    /// The previous block's header hash; the genesis hash for block 1.
    public var previousHash: Digest
    /// Milliseconds since the Unix epoch; never below the previous block's (or genesis's).
    public var timestamp: UInt64
    /// RFC 6962 root over the transactions' encodings as leaves (the empty tree's root, H(""),
    /// when there are none).
    public var transactionsRoot: Digest
    public var transactionCount: UInt32
    /// RFC 6962 root over the registry after this block: one leaf per model ever registered,
    /// in ascending model-ID byte order, each the canonical encoding of its `ModelRecord`.
    public var modelsRoot: Digest
    /// Leaves under `modelsRoot`. Carried in the header so that a model's inclusion path has
    /// exactly one valid shape (a path verified against a guessed tree size can be malleable).
    public var modelCount: UInt64

    static let encodingVersion: UInt8 = 1
    /// Version, chain ID, height, previous hash, timestamp, transactions root, count, models
    /// root, count.
    public static let encodedByteCount = 1 + 32 + 8 + 32 + 8 + 32 + 4 + 32 + 8

    public init(chainID: Digest, height: UInt64, previousHash: Digest, timestamp: UInt64, transactionsRoot: Digest,
                transactionCount: UInt32, modelsRoot: Digest, modelCount: UInt64) {
        self.chainID = chainID
        self.height = height
        self.previousHash = previousHash
        self.timestamp = timestamp
        self.transactionsRoot = transactionsRoot
        self.transactionCount = transactionCount
        self.modelsRoot = modelsRoot
        self.modelCount = modelCount
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        write(into: &writer)
        return writer.bytes
    }

    func write(into writer: inout ByteWriter) {
        writer.write(Self.encodingVersion)
        writer.write(chainID)
        writer.write(height)
        writer.write(previousHash)
        writer.write(timestamp)
        writer.write(transactionsRoot)
        writer.write(transactionCount)
        writer.write(modelsRoot)
        writer.write(modelCount)
    }

    /// SHA-256("zkinfer.block.v1" ‖ encoding): the block's identity and what validators sign.
    public var hash: Digest {
        var hasher = SHA256()
        hasher.update(ChainDomain.block)
        hasher.update(encoded())
        return hasher.finalize()
    }

    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        self = try ChainDecodingError.decodeWhole(bytes, what: "block header", limit: .max) {
            (reader: inout ByteReader) throws(DecodingError) in try Self.read(from: &reader)
        }
    }

    static func read(from reader: inout ByteReader) throws(DecodingError) -> BlockHeader {
        try reader.expectVersion("block header", supported: encodingVersion)
        return BlockHeader(chainID: try reader.readDigest("chain ID"),
                           height: try reader.readUInt64("height"),
                           previousHash: try reader.readDigest("previous hash"),
                           timestamp: try reader.readUInt64("timestamp"),
                           transactionsRoot: try reader.readDigest("transactions root"),
                           transactionCount: try reader.readUInt32("transaction count"),
                           modelsRoot: try reader.readDigest("models root"),
                           modelCount: try reader.readUInt64("model count"))
    }
}
