/// Where a prover's secret randomness (blindings, masks) comes from: the system CSPRNG, or — for
/// golden files only, never in production — a deterministic stream derived from a label, so that
/// a test can reproduce a proof byte for byte.
///
/// The deterministic stream is SHA-256 in counter mode: block i = SHA-256("zkinfer.insecure-deterministic-randomness.v1"
/// ‖ u64(len label) ‖ label ‖ u64(i)).
public struct ProverRandomness: RandomNumberGenerator, Sendable {
    private enum Source: Sendable {
        case system
        case deterministic(label: [UInt8], block: UInt64, buffer: [UInt64])
        case zero
    }

    private var source: Source
    private var system = SystemRandomNumberGenerator()

    private init(source: Source) { self.source = source }

    /// Secure randomness from the operating system (`getrandom`).
    public static var system: ProverRandomness { ProverRandomness(source: .system) }

    /// Reproducible, and therefore not secret: for golden files and tests.
    public init(derivedFrom label: String) {
        self.init(source: .deterministic(label: Array(label.utf8), block: 0, buffer: []))
    }

    /// No randomness at all: every blinding and mask is zero, so the proof reveals what the
    /// masks would have hidden. Only the zero-knowledge attack tests use it, as the control that
    /// shows their attacks work against an unmasked prover; nothing else can reach it.
    package static var insecureZero: ProverRandomness { ProverRandomness(source: .zero) }

    public var isDeterministic: Bool {
        switch source {
        case .system: return false
        case .deterministic, .zero: return true
        }
    }

    public mutating func next() -> UInt64 {
        switch source {
        case .system:
            return system.next()
        case .zero:
            return 0
        case .deterministic(let label, var block, var buffer):
            if buffer.isEmpty {
                var hasher = SHA256()
                hasher.update(Array("zkinfer.insecure-deterministic-randomness.v1".utf8))
                hasher.update(uint64: UInt64(label.count))
                hasher.update(label)
                hasher.update(uint64: block)
                let digest = hasher.finalize()
                buffer = [digest.words.3, digest.words.2, digest.words.1, digest.words.0]
                block += 1
            }
            let word = buffer.removeLast()
            source = .deterministic(label: label, block: block, buffer: buffer)
            return word
        }
    }
}
