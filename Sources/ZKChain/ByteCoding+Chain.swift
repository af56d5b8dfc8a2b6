import ZKProof

// Canonical building blocks of the chain encodings beyond ZKProof's framing (strings, versions,
// nested values): keys and signatures, optional heights. Readers reject what writers never produce, so each
// value has exactly one encoding and hashes of encodings are identities.

extension ByteWriter {
    mutating func write(_ key: PublicKey) { write(raw: key.bytes) }

    mutating func write(_ signature: Signature) { write(raw: signature.bytes) }

    /// 0 for none; 1 then the value.
    mutating func write(optional value: UInt64?) {
        if let value {
            write(UInt8(1))
            write(value)
        } else {
            write(UInt8(0))
        }
    }
}

extension ByteReader {
    mutating func readPublicKey(_ what: String) throws(DecodingError) -> PublicKey {
        let start = offset
        guard let key = PublicKey(bytes: try readRaw(32, what)) else {
            throw .invalidValue(what: what, offset: start, reason: "not a 32-byte key")
        }
        return key
    }

    mutating func readSignature(_ what: String) throws(DecodingError) -> Signature {
        let start = offset
        guard let signature = Signature(bytes: try readRaw(64, what)) else {
            throw .invalidValue(what: what, offset: start, reason: "not a 64-byte signature")
        }
        return signature
    }

    mutating func readOptionalUInt64(_ what: String) throws(DecodingError) -> UInt64? {
        let start = offset
        switch try readUInt8("\(what) presence") {
        case 0: return nil
        case 1: return try readUInt64(what)
        case let flag: throw .invalidValue(what: what, offset: start, reason: "presence flag \(flag), expected 0 or 1")
        }
    }
}
