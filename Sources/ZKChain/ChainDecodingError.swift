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
    /// Well-formed bytes whose parts disagree (a checkpoint whose records do not give its root).
    case inconsistent(what: String, String)

    public var description: String {
        switch self {
        case let .malformed(error): return error.description
        case let .tooLarge(what, size, limit): return "\(what) is \(size) bytes, above the limit \(limit)"
        case let .invalidJSON(reason): return "invalid genesis JSON: \(reason)"
        case let .invalidGenesis(reason): return "invalid genesis: \(reason)"
        case let .inconsistent(what, reason): return "\(what) is inconsistent: \(reason)"
        }
    }
}

extension ChainDecodingError {
    /// Reads one whole value from untrusted bytes: size cap first, then `read`, then nothing may
    /// trail. The shared frame of every chain decoder.
    static func decodeWhole<Value>(
        _ bytes: [UInt8], what: String, limit: Int, _ read: (inout ByteReader) throws(DecodingError) -> Value
    ) throws(ChainDecodingError) -> Value {
        guard bytes.count <= limit else { throw .tooLarge(what: what, size: bytes.count, limit: limit) }
        do { return try ByteReader.decodeWhole(bytes, read) } catch { throw .malformed(error) }
    }
}
