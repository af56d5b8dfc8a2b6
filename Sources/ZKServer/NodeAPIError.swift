import Hummingbird

/// An API failure with its HTTP status, answered as `{"error": message}`.
public struct NodeAPIError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(message)" }

    static func badRequest(_ message: String) -> NodeAPIError { NodeAPIError(.badRequest, message) }
    static func notFound(_ message: String) -> NodeAPIError { NodeAPIError(.notFound, message) }
    static func conflict(_ message: String) -> NodeAPIError { NodeAPIError(.conflict, message) }
    static func unavailable(_ message: String) -> NodeAPIError { NodeAPIError(.serviceUnavailable, message) }
}
