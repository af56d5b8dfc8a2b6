extension G1Affine {
    /// Why 64 untrusted bytes are not an uncompressed G1 point.
    public enum UncompressedDecodingError: Error, Equatable, Sendable {
        case wrongLength(got: Int)
        /// A coordinate is not below q (the encoding would not be canonical).
        case nonCanonicalCoordinate
        case notOnCurve
    }

    /// The 64-byte uncompressed encoding: x ‖ y, each 32 bytes little-endian; the identity is 64
    /// zero bytes ((0, 0) is not on y² = x³ + 3). Twice the size of `compressed`, but decoding
    /// needs two multiplications instead of a square root (about 8 µs): proofs whose verifier reads
    /// thousands of points use it.
    public var uncompressed: [UInt8] {
        if isIdentity { return [UInt8](repeating: 0, count: 64) }
        return x.canonicalBytes + y.canonicalBytes
    }

    /// Decodes an untrusted uncompressed point; anything but a canonical encoding of a point on
    /// the curve throws, never traps.
    public init(uncompressed bytes: some Collection<UInt8>) throws(UncompressedDecodingError) {
        let raw = Array(bytes)
        guard raw.count == 64 else { throw .wrongLength(got: raw.count) }
        guard let x = Fq(canonicalBytes: raw[..<32]), let y = Fq(canonicalBytes: raw[32...]) else { throw .nonCanonicalCoordinate }
        if x.isZero && y.isZero {
            self = .identity
            return
        }
        guard let point = G1Affine(x: x, y: y) else { throw .notOnCurve }
        self = point
    }
}
