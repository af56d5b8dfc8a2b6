import Foundation
import Testing
import ZKAlgebra

/// SplitMix64 (the same sequence as `ZKAlgebra.SplitMix64`) that remembers its seed, so a failing
/// test can say how to reproduce itself.
///
/// `init(seed:)` is for tests whose known answers depend on the exact sequence. A property test,
/// which must hold for any seed, uses `init(defaultSeed:)`: `ZKINFER_TEST_SEED` (decimal or
/// `0x` hex) replaces the default when set, and `comment(_:)` names the seed in a failing
/// expectation: `#expect(ok, generator.comment("…"))`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The environment variable that replaces the default seed of `init(defaultSeed:)`.
    public static let environmentVariable = "ZKINFER_TEST_SEED"

    /// The seed this generator started from.
    public let seed: UInt64
    private var generator: SplitMix64

    /// Exactly `seed`, whatever the environment says.
    public init(seed: UInt64) {
        self.seed = seed
        generator = SplitMix64(seed: seed)
    }

    /// `$ZKINFER_TEST_SEED` if it is set, otherwise `defaultSeed`.
    public init(defaultSeed: UInt64, sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(seed: Self.environmentSeed(sourceLocation: sourceLocation) ?? defaultSeed)
    }

    public mutating func next() -> UInt64 { generator.next() }

    /// "seed = N (rerun with ZKINFER_TEST_SEED=N)".
    public var rerunHint: String { "seed = \(seed) (rerun with \(Self.environmentVariable)=\(seed))" }

    /// `context` followed by the rerun hint, for an expectation's comment.
    public func comment(_ context: String = "") -> Comment {
        Comment(rawValue: context.isEmpty ? rerunHint : "\(context); \(rerunHint)")
    }

    /// The seed `ZKINFER_TEST_SEED` asks for; nil when it is unset. A value that is not a 64-bit
    /// number is recorded as an issue (and ignored) rather than silently running another seed.
    public static func environmentSeed(sourceLocation: SourceLocation = #_sourceLocation) -> UInt64? {
        guard let text = ProcessInfo.processInfo.environment[environmentVariable]?
            .trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let value = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: 16)
                                                       : UInt64(text.replacingOccurrences(of: "_", with: ""))
        guard let value else {
            Issue.record("\(environmentVariable)=\(text) is not a 64-bit seed (decimal or 0x hex)", sourceLocation: sourceLocation)
            return nil
        }
        return value
    }
}
