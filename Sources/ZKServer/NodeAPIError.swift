import Hummingbird
import ZKProof

/// An API failure with its HTTP status, answered as `{"error": message}`.
public struct NodeAPIError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    /// With a co-signing refusal: the block this validator already signed at that height (hex),
    /// so a restarted proposer can adopt it instead of stalling.
    public var signedBlock: String?
    /// Headers the answer carries besides its content type (`Allow` with a 405).
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, signedBlock: String? = nil) {
        self.status = status
        self.message = message
        self.signedBlock = signedBlock
    }

    public var description: String { "\(status.code) \(message)" }

    static func badRequest(_ message: String) -> NodeAPIError { NodeAPIError(.badRequest, message) }
    static func notFound(_ message: String) -> NodeAPIError { NodeAPIError(.notFound, message) }
    static func conflict(_ message: String) -> NodeAPIError { NodeAPIError(.conflict, message) }
    static func unavailable(_ message: String) -> NodeAPIError { NodeAPIError(.serviceUnavailable, message) }
}

extension NodeAPIError {
    /// The one place a node's refusal becomes an HTTP status: 503 unavailable, 409 conflict (with
    /// the block already signed, for a co-signing refusal), 422 invalid, 429 too many pending,
    /// 403 forbidden, the leader's own status when it refused, 502 when the leader failed.
    public init(_ error: ChainNodeError) {
        switch error {
        case let .unavailable(message): self.init(.serviceUnavailable, message)
        case let .conflict(message): self.init(.conflict, message)
        case let .alreadySigned(_, block): self.init(.conflict, error.description, signedBlock: block.encoded().hexString)
        case let .invalid(message): self.init(.unprocessableContent, message)
        case let .tooManyPending(message): self.init(.tooManyRequests, message)
        case let .forbidden(message): self.init(.forbidden, message)
        case let .leaderRefused(status, message): self.init(.init(code: status), "leader: \(message)")
        case .leaderFailed: self.init(.badGateway, error.description)
        }
    }
}
