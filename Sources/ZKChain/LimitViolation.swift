/// A value over one of the `ChainLimits`.
public struct LimitViolation: Sendable, Hashable, CustomStringConvertible {
    public let what: String
    public let size: Int
    public let limit: Int

    public init(what: String, size: Int, limit: Int) {
        self.what = what
        self.size = size
        self.limit = limit
    }

    public var description: String { "\(what) is \(size), above the limit \(limit)" }
}
