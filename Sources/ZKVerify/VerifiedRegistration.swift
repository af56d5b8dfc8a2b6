import ZKChain
import ZKProof

/// What a receipt, checked against a genesis, establishes about a model: its registry entry,
/// when it was registered, and the latest signed header the entry was proven under (the date of
/// the "not revoked" claim).
public struct VerifiedRegistration: Sendable, Equatable {
    /// The model's registry entry as of `asOfHeight` (owner, name, version, revocation).
    public let record: ModelRecord
    /// The block that registered the model and its timestamp (milliseconds since the Unix epoch).
    public let registrationHeight: UInt64
    public let registrationTime: UInt64
    /// The latest signed header in the receipt and its timestamp (milliseconds since the epoch).
    public let asOfHeight: UInt64
    public let asOfTime: UInt64

    public init(record: ModelRecord, registrationHeight: UInt64, registrationTime: UInt64, asOfHeight: UInt64, asOfTime: UInt64) {
        self.record = record
        self.registrationHeight = registrationHeight
        self.registrationTime = registrationTime
        self.asOfHeight = asOfHeight
        self.asOfTime = asOfTime
    }

    /// How old the latest header is at `now` (milliseconds since the epoch); zero for a header
    /// from the future (a clock ahead of ours).
    public func age(at now: UInt64) -> Duration {
        .milliseconds(Int64(clamping: now > asOfTime ? now - asOfTime : 0))
    }
}
