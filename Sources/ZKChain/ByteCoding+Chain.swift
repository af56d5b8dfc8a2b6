import ZKProof

// Canonical building blocks shared by every chain encoding: length-prefixed UTF-8 strings,
// keys and signatures, optional heights. Readers reject what writers never produce, so each
// value has exactly one encoding and hashes of encodings are identities.

extension ByteWriter {
    /// UInt32 byte length, then the UTF-8 bytes. Lengths beyond UInt32 cannot pass the
    /// string limits, so clamping only produces an encoding every decoder rejects.
    mutating func write(string: String) {
        let utf8 = Array(string.utf8)
        write(UInt32(clamping: utf8.count))
        write(raw: utf8)
    }

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
    /// A string of at most `limit` UTF-8 bytes that must be valid UTF-8.
    mutating func readString(_ what: String, limit: Int) throws(DecodingError) -> String {
        let count = try readCount("\(what) length", limit: limit)
        let start = offset
        let bytes = try readRaw(count, what)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .invalidValue(what: what, offset: start, reason: "not valid UTF-8")
        }
        return string
    }

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

    /// A version byte that must equal `supported`.
    mutating func expectVersion(_ what: String, supported: UInt8) throws(DecodingError) {
        let version = try readUInt8("\(what) version")
        guard version == supported else {
            throw .unsupportedVersion(what: what, got: Int(version), supported: Int(supported))
        }
    }
}
