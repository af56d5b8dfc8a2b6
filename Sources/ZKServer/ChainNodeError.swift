import ZKChain

/// Why a node refused a request or could not serve it, in the chain's terms. The HTTP layer
/// maps each case to its status in one place (`NodeAPIError.init(_:)`).
public enum ChainNodeError: Error, Sendable, CustomStringConvertible {
    /// The node cannot do it now: it stopped, has no leader, its mempool is full, too few
    /// co-signers answered, a transaction was not included in time, a durable write failed, or
    /// it neither proposes nor follows.
    case unavailable(String)
    /// It conflicts with what the node holds or is: a transaction already pending or on the
    /// chain, a block that does not extend the tip or differs from the one held, a proposer
    /// asked to co-sign.
    case conflict(String)
    /// This validator already signed `block`, a different block at the same height; it is
    /// handed back so that a restarted proposer can finish it instead of stalling.
    case alreadySigned(height: UInt64, block: Block)
    /// The transaction or block is invalid on this chain.
    case invalid(String)
    /// One sender already has the most pending transactions a node keeps.
    case tooManyPending(String)
    /// It needs what the node or the request does not have: a validator key, a proposer's
    /// signature.
    case forbidden(String)
    /// The leader refused a forwarded transaction with this HTTP status.
    case leaderRefused(status: Int, message: String)
    /// The leader could not be reached, answered something unusable, or served an invalid block.
    case leaderFailed(String)

    public var description: String {
        switch self {
        case let .unavailable(message), let .conflict(message), let .invalid(message), let .tooManyPending(message),
             let .forbidden(message):
            message
        case let .alreadySigned(height, _): "already signed another block at height \(height)"
        case let .leaderRefused(status, message): "leader (\(status)): \(message)"
        case let .leaderFailed(message): "leader: \(message)"
        }
    }
}
