import COpenSSL

/// SHA-256 through OpenSSL (which uses the SHA extensions where the CPU has them).
public struct SHA256: ~Copyable {
    private var context = zk_sha256_ctx()

    public init() { zk_sha256_init(&context) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        zk_sha256_update(&context, bytes.baseAddress, bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    public mutating func update(_ digest: Digest) {
        withUnsafeBytes(of: digest.words) { update($0) }
    }

    /// Little-endian fixed-width integer.
    public mutating func update(uint64 value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { update($0) }
    }

    public consuming func finalize() -> Digest {
        var digest = Digest.zero
        withUnsafeMutableBytes(of: &digest.words) { raw in
            zk_sha256_final(&context, raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        return digest
    }

    public static func hash(_ bytes: [UInt8]) -> Digest {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }
}
