import ZKAlgebra

/// The Fiat–Shamir transcript: a SHA-256 hash chain over labelled, length-prefixed entries.
///
/// Byte layout (normative, pinned by `Vectors/transcript.json`, see `Vectors/SPEC.md`):
/// - start:     state = H("zkinfer.transcript.v1" ‖ u64(len domain) ‖ domain)
/// - absorb:    state = H(state ‖ 0x01 ‖ u64(len label) ‖ label ‖ u64(len data) ‖ data)
/// - challenge: state = H(state ‖ 0x02 ‖ u64(len label) ‖ label ‖ u64(n)); output is the first n
///   bytes of H(state ‖ 0x10 ‖ u32(0)) ‖ H(state ‖ 0x10 ‖ u32(1)) ‖ …
/// Field elements are absorbed as canonical 32-byte little-endian encodings; a scalar challenge
/// reduces 64 output bytes modulo r (bias < 2^-250).
public struct Transcript: Sendable {
    public private(set) var state: Digest

    static let versionTag = Array("zkinfer.transcript.v1".utf8)

    public init(domain: String) {
        let domainBytes = Array(domain.utf8)
        var hasher = SHA256()
        hasher.update(Self.versionTag)
        hasher.update(uint64: UInt64(domainBytes.count))
        hasher.update(domainBytes)
        state = hasher.finalize()
    }

    // MARK: Absorbing

    public mutating func absorb(_ label: TranscriptLabel, bytes: [UInt8]) {
        bytes.withUnsafeBytes { absorb(label, raw: $0) }
    }

    public mutating func absorb(_ label: TranscriptLabel, raw: UnsafeRawBufferPointer) {
        let labelBytes = Array(label.rawValue.utf8)
        var hasher = SHA256()
        hasher.update(state)
        hasher.update(byte: 0x01)
        hasher.update(uint64: UInt64(labelBytes.count))
        hasher.update(labelBytes)
        hasher.update(uint64: UInt64(raw.count))
        hasher.update(raw)
        state = hasher.finalize()
    }

    public mutating func absorb(_ label: TranscriptLabel, field element: Fr) {
        absorb(label, bytes: element.canonicalBytes)
    }

    public mutating func absorb(_ label: TranscriptLabel, fields elements: [Fr]) {
        absorb(label, bytes: Self.encode(elements))
    }

    public mutating func absorb(_ label: TranscriptLabel, digest: Digest) {
        absorb(label, bytes: digest.bytes)
    }

    public mutating func absorb(_ label: TranscriptLabel, uint64 value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { absorb(label, raw: $0) }
    }

    // MARK: Challenges

    public mutating func challengeBytes(_ label: TranscriptLabel, count: Int) -> [UInt8] {
        precondition(count >= 0)
        let labelBytes = Array(label.rawValue.utf8)
        var hasher = SHA256()
        hasher.update(state)
        hasher.update(byte: 0x02)
        hasher.update(uint64: UInt64(labelBytes.count))
        hasher.update(labelBytes)
        hasher.update(uint64: UInt64(count))
        state = hasher.finalize()

        var output = [UInt8]()
        output.reserveCapacity(count + 32)
        var block: UInt32 = 0
        while output.count < count {
            var blockHasher = SHA256()
            blockHasher.update(state)
            blockHasher.update(byte: 0x10)
            withUnsafeBytes(of: block.littleEndian) { blockHasher.update($0) }
            output.append(contentsOf: blockHasher.finalize().bytes)
            block += 1
        }
        output.removeLast(output.count - count)
        return output
    }

    public mutating func challengeScalar(_ label: TranscriptLabel) -> Fr {
        Fr(reducing: challengeBytes(label, count: 64))
    }

    /// A challenge below 2^128 (16 bytes little-endian): where a 128-bit challenge is sound
    /// enough and a short scalar saves work (the inner-product argument folds its generators
    /// with it, and a scalar multiplication by it needs half the doublings).
    public mutating func challenge128(_ label: TranscriptLabel) -> Fr {
        // Below 2^128 < r: the padded bytes are always a canonical encoding.
        Fr(canonicalBytes: challengeBytes(label, count: 16) + [UInt8](repeating: 0, count: 16)) ?? .zero
    }

    /// `count` scalars from one challenge of 64·count bytes, each 64-byte chunk reduced.
    public mutating func challengeScalars(_ label: TranscriptLabel, count: Int) -> [Fr] {
        let bytes = challengeBytes(label, count: 64 * count)
        return (0..<count).map { Fr(reducing: bytes[(64 * $0)..<(64 * $0 + 64)]) }
    }

    /// `count` indices uniform in 0..<bound (bound a power of two, so the reduction is exact).
    public mutating func challengeIndices(_ label: TranscriptLabel, count: Int, bound: Int) -> [Int] {
        precondition(bound > 0 && bound & (bound - 1) == 0, "index bound must be a power of two")
        let bytes = challengeBytes(label, count: 8 * count)
        return (0..<count).map { k in
            var word: UInt64 = 0
            for i in 0..<8 { word |= UInt64(bytes[8 * k + i]) << UInt64(8 * i) }
            return Int(word & UInt64(bound - 1))
        }
    }

    static func encode(_ elements: [Fr]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32 * elements.count)
        for (index, element) in elements.enumerated() {
            element.writeCanonicalBytes(into: &bytes, at: 32 * index)
        }
        return bytes
    }
}
