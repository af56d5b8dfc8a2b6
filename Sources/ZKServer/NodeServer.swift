import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import ServiceLifecycle
import ZKChain

/// Runs a node's HTTP API (and its proposer or follower loop) on a host and port.
public final class NodeServer: Sendable {
    public let node: ChainNode
    public let host: String
    /// The bound port (the one the system chose when started with port 0).
    public let port: Int
    private let services: ServiceGroup
    private let task: Task<Void, any Error>

    public var url: URL {
        // A host and a port always form a valid URL; the fallback only keeps this trap-free.
        URL(string: "http://\(host):\(port)") ?? URL(fileURLWithPath: "/")
    }

    private init(node: ChainNode, host: String, port: Int, services: ServiceGroup, task: Task<Void, any Error>) {
        self.node = node
        self.host = host
        self.port = port
        self.services = services
        self.task = task
    }

    /// How long a connection may stay silent before the server closes it, by default: while a
    /// request's head or body is being read, or between requests. A request being answered
    /// (a submission waiting for its block) is not cut.
    public static let defaultIdleTimeout: Duration = .seconds(30)

    /// The Hummingbird application serving `node` on `host:port` (0 lets the system choose);
    /// `onRunning` receives the bound port once the server listens. A connection idle for
    /// `idleTimeout` is closed, so half-sent requests cannot hold connections forever.
    public static func application(for node: ChainNode, host: String, port: Int, logger: Logger? = nil,
                                   idleTimeout: Duration = defaultIdleTimeout,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let http = HTTP1Channel.Configuration(additionalChannelHandlers: [ParserErrorResponder()],
                                              idleTimeout: .nanoseconds(nanoseconds(idleTimeout)))
        return Application(
            router: NodeRoutes.router(for: node),
            server: .http1(configuration: http),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "zkinfer-node"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger ?? Self.quietLogger
        )
    }

    /// `duration` in whole nanoseconds, at least one millisecond and at most a day.
    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let clamped = min(max(seconds, 0), 86_400)
        return max(1_000_000, clamped * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// Starts `node` and its HTTP server, returning once the server listens. Stop it with
    /// `stop()`.
    public static func start(node: ChainNode, host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil,
                             idleTimeout: Duration = defaultIdleTimeout) async throws -> NodeServer {
        let (bound, reportBound) = AsyncStream.makeStream(of: Int.self)
        let app = application(for: node, host: host, port: port, logger: logger, idleTimeout: idleTimeout) { port in
            reportBound.yield(port)
            reportBound.finish()
        }
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger ?? quietLogger))
        let task = Task {
            defer { reportBound.finish() }
            try await services.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            // The server stopped before listening: surface why.
            try await task.value
            throw NodeServerError.notListening(host: host, port: port)
        }
        await node.start()
        return NodeServer(node: node, host: host, port: boundPort, services: services, task: task)
    }

    /// Stops the node's loop (waiting submissions are answered 503), then shuts the server down
    /// gracefully: it stops accepting connections and lets requests in progress finish.
    /// (Cancelling a Hummingbird server instead can trap in NIO when a connection was accepted
    /// but not yet served: apple/swift-nio issue 2813.)
    public func stop() async {
        await node.stop()
        await services.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Hummingbird logs at info per request; a node logs only warnings and errors unless given
    /// a logger.
    static let quietLogger: Logger = {
        var logger = Logger(label: "zkinfer.node.http")
        logger.logLevel = .warning
        return logger
    }()
}

/// Why a node's HTTP server could not start.
public enum NodeServerError: Error, CustomStringConvertible {
    case notListening(host: String, port: Int)

    public var description: String {
        switch self {
        case let .notListening(host, port): "the server did not start listening on \(host):\(port)"
        }
    }
}

/// Answers a request the HTTP decoder cannot parse (a request line or header over its 80 KiB
/// limit, malformed syntax) with a JSON 400 naming the problem, where Hummingbird would send an
/// empty 400, then closes the connection. It stays out of the way while a response is owed on
/// the connection (a parse error after pipelined requests): Hummingbird then answers as usual.
final class ParserErrorResponder: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Requests read whose response has not been fully written.
    private var unanswered = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { unanswered += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { unanswered = max(0, unanswered - 1) }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, unanswered == 0 else {
            context.fireErrorCaught(error)
            return
        }
        let message = switch parserError {
        case .headerOverflow: "the request line or a header is longer than the server accepts (80 KiB); the URI limit is \(NodeRoutes.maximumURIBytes) bytes"
        default: "malformed HTTP request (\(parserError))"
        }
        let body = ByteBuffer(bytes: JSONResponse.errorBody(message))
        let head = HTTPResponse(status: .badRequest, headerFields: [
            .contentType: "application/json", .contentLength: "\(body.readableBytes)", .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
