// The framing every zkinfer encoding shares: length-prefixed UTF-8 strings, version bytes,
// length-prefixed nested values, and the whole-input frame (read, then nothing may trail).
// Readers reject what writers never produce, so each value has exactly one encoding.

extension ByteWriter {
    /// UInt32 byte length, then the UTF-8 bytes. Lengths beyond UInt32 cannot pass any string
    /// limit, so clamping only produces an encoding every decoder rejects.
    package mutating func write(string: String) {
        let utf8 = Array(string.utf8)
        write(UInt32(clamping: utf8.count))
        write(raw: utf8)
    }
}

extension ByteReader {
    /// A string of at most `limit` UTF-8 bytes that must be valid UTF-8.
    package mutating func readString(_ what: String, limit: Int) throws(DecodingError) -> String {
        let count = try readCount("\(what) length", limit: limit)
        let start = offset
        let bytes = try readRaw(count, what)
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .invalidValue(what: what, offset: start, reason: "not valid UTF-8")
        }
        return string
    }

    /// A version byte that must equal `supported`.
    package mutating func expectVersion(_ what: String, supported: UInt8) throws(DecodingError) {
        let version = try readUInt8("\(what) version")
        guard version == supported else {
            throw .unsupportedVersion(what: what, got: Int(version), supported: Int(supported))
        }
    }

    /// Reads a UInt32-length-prefixed nested value of at most `limit` bytes with `read`, which
    /// must consume it exactly; errors name the container and absolute offsets.
    package mutating func readNested<T>(_ what: String, limit: Int,
                                        _ read: (inout ByteReader) throws(DecodingError) -> T) throws(DecodingError) -> T {
        let length = try readCount("\(what) length", limit: limit)
        let base = offset
        var inner = ByteReader(try readRaw(length, what))
        do {
            let value = try read(&inner)
            try inner.finish()
            return value
        } catch {
            throw error.nested(in: what, at: base)
        }
    }

    /// Reads one whole value from `bytes` with `read`; nothing may trail it.
    package static func decodeWhole<Value>(
        _ bytes: [UInt8], _ read: (inout ByteReader) throws(DecodingError) -> Value
    ) throws(DecodingError) -> Value {
        var reader = ByteReader(bytes)
        let value = try read(&reader)
        try reader.finish()
        return value
    }
}

extension DecodingError {
    /// The same error for a value nested at `base` inside a larger encoding: offsets become
    /// absolute and the field is named with its container (`transaction 3: model name`).
    package func nested(in container: String, at base: Int) -> DecodingError {
        switch self {
        case let .truncated(what, offset, needed, available):
            .truncated(what: "\(container): \(what)", offset: base + offset, needed: needed, available: available)
        case let .trailingBytes(offset, count):
            .invalidValue(what: container, offset: base + offset, reason: "\(count) trailing bytes")
        case let .nonCanonicalFieldElement(what, offset):
            .nonCanonicalFieldElement(what: "\(container): \(what)", offset: base + offset)
        case let .limitExceeded(what, offset, value, limit):
            .limitExceeded(what: "\(container): \(what)", offset: base + offset, value: value, limit: limit)
        case let .badMagic(expected, got):
            .badMagic(expected: expected, got: got)
        case let .unsupportedVersion(what, got, supported):
            .unsupportedVersion(what: "\(container): \(what)", got: got, supported: supported)
        case let .invalidValue(what, offset, reason):
            .invalidValue(what: "\(container): \(what)", offset: base + offset, reason: reason)
        }
    }
}
