import ZKAlgebra

/// The secret from which a committed polynomial's row blindings are derived, so that the owner
/// stores 32 bytes instead of one scalar per row and a prover rebuilds its opening data without
/// recomputing the commitment: ρ_i = SHA-256("zkinfer.pedersen.row-blinding.v1" ‖ seed ‖ u64(i) ‖ 0)
/// ‖ SHA-256(… ‖ 1) read little-endian mod r (64 bytes, so the bias is below 2^-250).
///
/// A fresh seed comes from the system CSPRNG. The seed does not help anyone open the commitment to
/// other values (binding rests on discrete logarithms), but it un-hides the rows: it is kept with
/// the private model and never published.
public struct BlindingSeed: Sendable, Equatable {
    public static let byteCount = 32
    static let domain = Array("zkinfer.pedersen.row-blinding.v1".utf8)

    public let bytes: [UInt8]

    /// Wraps stored bytes; nil unless exactly 32.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// A fresh seed from `random` (the system CSPRNG in production).
    public init(random: inout some RandomNumberGenerator) {
        var bytes = [UInt8]()
        for _ in 0..<(Self.byteCount / 8) { withUnsafeBytes(of: random.next().littleEndian) { bytes.append(contentsOf: $0) } }
        self.bytes = bytes
    }

    /// A seed anyone can recompute from `label`: for golden files and tests only.
    public init(derivedFrom label: String) {
        var stream = ProverRandomness(derivedFrom: "blinding-seed:" + label)
        self.init(random: &stream)
    }

    public static func fresh() -> BlindingSeed {
        var system = SystemRandomNumberGenerator()
        return BlindingSeed(random: &system)
    }

    /// The blinding of row `index`.
    public func blinding(row index: Int) -> Fr {
        var wide = [UInt8]()
        for half: UInt8 in [0, 1] {
            var hasher = SHA256()
            hasher.update(Self.domain)
            hasher.update(bytes)
            hasher.update(uint64: UInt64(index))
            hasher.update(byte: half)
            wide += hasher.finalize().bytes
        }
        return Fr(reducing: wide)
    }
}
