/// Why 32 untrusted bytes are not a compressed G1 point.
public enum G1DecodingError: Error, Equatable, Sendable {
    case wrongLength(got: Int)
    /// The identity flag together with another set bit, or a "larger root" flag on a zero root.
    case badFlags
    /// The abscissa is not below q (so the encoding would not be canonical).
    case nonCanonicalX
    /// x³ + 3 is not a square: no point has this abscissa.
    case notOnCurve
}

extension G1Affine {
    /// Byte 31's flag bits: q < 2^254 leaves the top two bits of a 32-byte little-endian x free.
    static let largerRootFlag: UInt8 = 0x80
    static let identityFlag: UInt8 = 0x40

    /// The canonical 32-byte compressed encoding: x little-endian, with byte 31's bit 7 set when y
    /// is the larger root and bit 6 for the identity (alone: 31 zero bytes, then 0x40).
    public var compressed: [UInt8] {
        if isIdentity { return [UInt8](repeating: 0, count: 31) + [Self.identityFlag] }
        var bytes = x.canonicalBytes
        if y.isLargerRoot { bytes[31] |= Self.largerRootFlag }
        return bytes
    }

    /// Decodes an untrusted compressed point. Every accepted string is the encoding of the point
    /// returned (canonical); anything else throws, never traps.
    public init(compressed bytes: some Collection<UInt8>) throws(G1DecodingError) {
        var raw = Array(bytes)
        guard raw.count == 32 else { throw .wrongLength(got: raw.count) }
        let flags = raw[31] & (Self.largerRootFlag | Self.identityFlag)
        raw[31] &= ~(Self.largerRootFlag | Self.identityFlag)
        if flags & Self.identityFlag != 0 {
            guard flags == Self.identityFlag, raw.allSatisfy({ $0 == 0 }) else { throw .badFlags }
            self = .identity
            return
        }
        guard let x = Fq(canonicalBytes: raw) else { throw .nonCanonicalX }
        guard let root = (x.squared() * x + Self.b).squareRoot() else { throw .notOnCurve }
        let wantsLarger = flags & Self.largerRootFlag != 0
        // A zero root has no larger twin (vacuous on BN254: −3 has no cube root mod q).
        if root.isZero && wantsLarger { throw .badFlags }
        self.init(unchecked: x, root.isLargerRoot == wantsLarger ? root : -root)
    }
}
