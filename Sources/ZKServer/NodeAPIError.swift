import Hummingbird

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
