import ZKProof

/// Why untrusted chain bytes or JSON (a transaction, block, record, receipt or genesis file)
/// were rejected.
public enum ChainDecodingError: Error, Equatable, CustomStringConvertible {
    /// Binary input that is truncated, trailing, over a limit, non-canonical or of an unknown
    /// version; the wrapped error names the field and byte offset.
    case malformed(DecodingError)
    /// The whole input is over its size limit (checked before anything is parsed).
    case tooLarge(what: String, size: Int, limit: Int)
    /// A genesis file that is not the expected JSON shape.
    case invalidJSON(String)
    /// A genesis whose content breaks a rule (validators, threshold, name).
    case invalidGenesis(String)

    public var description: String {
        switch self {
        case let .malformed(error): return error.description
        case let .tooLarge(what, size, limit): return "\(what) is \(size) bytes, above the limit \(limit)"
        case let .invalidJSON(reason): return "invalid genesis JSON: \(reason)"
        case let .invalidGenesis(reason): return "invalid genesis: \(reason)"
        }
    }
}
