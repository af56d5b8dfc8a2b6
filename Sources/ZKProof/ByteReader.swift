import ZKAlgebra

/// Decoder for untrusted bytes: every read checks the remaining length first and throws a
/// `DecodingError` naming what was being read and where; nothing here can trap.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var offset: Int = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var remaining: Int { bytes.count - offset }

    mutating func take(_ count: Int, _ what: String) throws(DecodingError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw .truncated(what: what, offset: offset, needed: count, available: remaining)
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func readUInt8(_ what: String) throws(DecodingError) -> UInt8 {
        try take(1, what).first ?? 0
    }

    public mutating func readUInt16(_ what: String) throws(DecodingError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readLittleEndian(2, what))
    }

    public mutating func readUInt32(_ what: String) throws(DecodingError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readLittleEndian(4, what))
    }

    public mutating func readUInt64(_ what: String) throws(DecodingError) -> UInt64 {
        try readLittleEndian(8, what)
    }

    mutating func readLittleEndian(_ width: Int, _ what: String) throws(DecodingError) -> UInt64 {
        var value: UInt64 = 0
        for (shift, byte) in try take(width, what).enumerated() { value |= UInt64(byte) << UInt64(8 * shift) }
        return value
    }

    /// A length or count field, rejected above `limit` before anything is allocated.
    public mutating func readCount(_ what: String, limit: Int) throws(DecodingError) -> Int {
        let start = offset
        let value = try readUInt32(what)
        guard value <= limit else { throw .limitExceeded(what: what, offset: start, value: Int(value), limit: limit) }
        return Int(value)
    }

    public mutating func readRaw(_ count: Int, _ what: String) throws(DecodingError) -> [UInt8] {
        Array(try take(count, what))
    }

    public mutating func readField(_ what: String) throws(DecodingError) -> Fr {
        let start = offset
        let slice = try take(32, what)
        guard let element = Fr(canonicalBytes: slice) else { throw .nonCanonicalFieldElement(what: what, offset: start) }
        return element
    }

    /// `count` field elements, with `count` known from context, never from the wire.
    public mutating func readFields(_ count: Int, _ what: String) throws(DecodingError) -> [Fr] {
        guard count >= 0, count <= remaining / 32 else {
            throw .truncated(what: what, offset: offset, needed: 32 * max(count, 0), available: remaining)
        }
        var elements = [Fr]()
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try readField(what)) }
        return elements
    }

    public mutating func readDigest(_ what: String) throws(DecodingError) -> Digest {
        Digest(bytes: try take(32, what))
    }

    /// Throws unless every byte was consumed.
    public func finish() throws(DecodingError) {
        guard remaining == 0 else { throw .trailingBytes(offset: offset, count: remaining) }
    }
}

/// Why untrusted bytes were rejected.
public enum DecodingError: Error, Equatable, CustomStringConvertible {
    case truncated(what: String, offset: Int, needed: Int, available: Int)
    case trailingBytes(offset: Int, count: Int)
    case nonCanonicalFieldElement(what: String, offset: Int)
    case limitExceeded(what: String, offset: Int, value: Int, limit: Int)
    case badMagic(expected: [UInt8], got: [UInt8])
    case unsupportedVersion(what: String, got: Int, supported: Int)
    case invalidValue(what: String, offset: Int, reason: String)

    public var description: String {
        switch self {
        case let .truncated(what, offset, needed, available):
            return "truncated input: \(what) at byte \(offset) needs \(needed) bytes, \(available) remain"
        case let .trailingBytes(offset, count):
            return "\(count) unexpected trailing bytes after byte \(offset)"
        case let .nonCanonicalFieldElement(what, offset):
            return "\(what) at byte \(offset) is not a canonical field element (value ≥ r)"
        case let .limitExceeded(what, offset, value, limit):
            return "\(what) at byte \(offset) is \(value), above the limit \(limit)"
        case let .badMagic(expected, got):
            return "bad magic: expected \(expected.hexString), got \(got.hexString)"
        case let .unsupportedVersion(what, got, supported):
            return "unsupported \(what) version \(got) (this build reads version \(supported))"
        case let .invalidValue(what, offset, reason):
            return "invalid \(what) at byte \(offset): \(reason)"
        }
    }
}
