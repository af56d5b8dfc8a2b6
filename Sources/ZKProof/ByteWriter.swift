import ZKAlgebra

/// Canonical binary encoder for proofs and commitments: little-endian fixed-width integers,
/// field elements as 32-byte canonical encodings, digests as 32 raw bytes.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ value: UInt8) { bytes.append(value) }

    public mutating func write(_ value: UInt16) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(raw: [UInt8]) { bytes.append(contentsOf: raw) }

    public mutating func write(_ element: Fr) {
        let offset = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 32))
        element.writeCanonicalBytes(into: &bytes, at: offset)
    }

    /// Elements only: the reader must know the count from context (never from the wire).
    public mutating func write(_ elements: [Fr]) {
        let offset = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 32 * elements.count))
        for (index, element) in elements.enumerated() {
            element.writeCanonicalBytes(into: &bytes, at: offset + 32 * index)
        }
    }

    public mutating func write(_ digest: Digest) {
        withUnsafeBytes(of: digest.words) { bytes.append(contentsOf: $0) }
    }
}
