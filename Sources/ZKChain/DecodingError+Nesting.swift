import ZKProof

extension DecodingError {
    /// The same error for a value nested at `base` inside a larger encoding: offsets become
    /// absolute and the field is named with its container (`transaction 3: model name`).
    func nested(in container: String, at base: Int) -> DecodingError {
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

extension ByteReader {
    /// Reads a UInt32-length-prefixed nested value of at most `limit` bytes with `read`, which
    /// must consume it exactly; errors name the container and absolute offsets.
    mutating func readNested<T>(_ what: String, limit: Int,
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
}
