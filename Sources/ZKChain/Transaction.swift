import ZKProof

/// A signed, canonical transaction. Encoding: version byte, chain ID, sender, nonce, body,
/// signature. The sender signs "zkinfer.tx.v1" ‖ everything before the signature, so the chain
/// ID (genesis hash) ties it to one chain and the nonce to one position in the sender's history.
public struct Transaction: Sendable, Hashable {
    /// The genesis hash of the chain this transaction is for.
    public var chainID: Digest
    public var sender: PublicKey
    /// 1 for a sender's first transaction, then +1 for each.
    public var nonce: UInt64
    public var body: TransactionBody
    public var signature: Signature

    static let encodingVersion: UInt8 = 1

    /// Assembles a transaction as given (no signing, no checks): decoders and tests use it.
    public init(chainID: Digest, sender: PublicKey, nonce: UInt64, body: TransactionBody, signature: Signature) {
        self.chainID = chainID
        self.sender = sender
        self.nonce = nonce
        self.body = body
        self.signature = signature
    }

    /// A transaction from `key`'s public key, signed by `key`.
    public static func signed(body: TransactionBody, nonce: UInt64, chainID: Digest, key: SigningKey) -> Transaction {
        let unsigned = unsignedEncoding(chainID: chainID, sender: key.publicKey, nonce: nonce, body: body)
        return Transaction(chainID: chainID, sender: key.publicKey, nonce: nonce, body: body,
                           signature: key.sign(ChainDomain.transaction + unsigned))
    }

    private static func unsignedEncoding(chainID: Digest, sender: PublicKey, nonce: UInt64, body: TransactionBody) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(encodingVersion)
        writer.write(chainID)
        writer.write(sender)
        writer.write(nonce)
        body.write(into: &writer)
        return writer.bytes
    }

    /// What the sender signs: "zkinfer.tx.v1" ‖ the encoding without the signature.
    public var signingBytes: [UInt8] {
        ChainDomain.transaction + Self.unsignedEncoding(chainID: chainID, sender: sender, nonce: nonce, body: body)
    }

    public func encoded() -> [UInt8] {
        var bytes = Self.unsignedEncoding(chainID: chainID, sender: sender, nonce: nonce, body: body)
        bytes.append(contentsOf: signature.bytes)
        return bytes
    }

    /// SHA-256 of the full encoding (signature included).
    public var id: Digest { SHA256.hash(encoded()) }

    /// Equal when the encodings are: synthesized equality would compare strings by Unicode
    /// canonical equivalence, equating transactions whose bytes, and so IDs, differ.
    public static func == (a: Transaction, b: Transaction) -> Bool { a.encoded() == b.encoded() }

    public func hash(into hasher: inout Hasher) { hasher.combine(encoded()) }

    /// True when the signature verifies under the sender's key.
    public var hasValidSignature: Bool { sender.verifies(signature, for: signingBytes) }

    /// Decodes untrusted bytes: at most 64 KiB, known version and type, every string valid
    /// UTF-8 within its limit, metadata keys unique and sorted, nothing trailing. The signature
    /// is not checked here (validation does, against the chain).
    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        self = try ChainDecodingError.decodeWhole(bytes, what: "transaction", limit: ChainLimits.maximumTransactionBytes) {
            (reader: inout ByteReader) throws(DecodingError) in try Self.read(from: &reader)
        }
    }

    static func read(from reader: inout ByteReader) throws(DecodingError) -> Transaction {
        try reader.expectVersion("transaction", supported: encodingVersion)
        let chainID = try reader.readDigest("chain ID")
        let sender = try reader.readPublicKey("sender")
        let nonce = try reader.readUInt64("nonce")
        let body = try TransactionBody.read(from: &reader)
        let signature = try reader.readSignature("transaction signature")
        return Transaction(chainID: chainID, sender: sender, nonce: nonce, body: body, signature: signature)
    }
}
