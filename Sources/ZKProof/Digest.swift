import Foundation
import COpenSSL

/// A 32-byte SHA-256 digest held inline (no heap allocation), so Merkle trees with millions of
/// nodes are flat arrays.
@frozen
public struct Digest: Hashable, Sendable, CustomStringConvertible {
    public var words: (UInt64, UInt64, UInt64, UInt64)

    public static let byteCount = 32
    public static let zero = Digest(words: (0, 0, 0, 0))

    public init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// Precondition: exactly 32 bytes (trusted callers; decoders check lengths first).
    public init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == 32, "a digest is 32 bytes, got \(bytes.count)")
        var value = Digest.zero
        withUnsafeMutableBytes(of: &value.words) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        self = value
    }

    public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }

    public var hex: String { bytes.hexString }
    public var description: String { hex }

    public static func == (a: Digest, b: Digest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }

    /// Parses 64 hex characters.
    public init?(hex: String) {
        guard let bytes = [UInt8](hexString: hex), bytes.count == 32 else { return nil }
        self.init(bytes: bytes)
    }
}

extension Array where Element == UInt8 {
    /// Decodes an even-length hex string; nil on any other character.
    public init?(hexString: String) {
        let utf8 = Array(hexString.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var result = [UInt8]()
        result.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        self = result
    }

    /// Lowercase hex through a lookup table: blocks and proofs are hundreds of kilobytes, where a
    /// formatter per byte costs ~1 µs each.
    public var hexString: String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: count * 2) { buffer in
            digits.withUTF8Buffer { table in
                var index = 0
                for byte in self {
                    buffer[index] = table[Int(byte >> 4)]
                    buffer[index + 1] = table[Int(byte & 0x0f)]
                    index += 2
                }
                return index
            }
        }
    }
}

