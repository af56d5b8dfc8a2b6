import Foundation
import Hummingbird
import Logging
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

    /// The Hummingbird application serving `node` on `host:port` (0 lets the system choose);
    /// `onRunning` receives the bound port once the server listens.
    public static func application(for node: ChainNode, host: String, port: Int, logger: Logger? = nil,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: NodeRoutes.router(for: node),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "zkinfer-node"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger ?? Self.quietLogger
        )
    }

    /// Starts `node` and its HTTP server, returning once the server listens. Stop it with
    /// `stop()`.
    public static func start(node: ChainNode, host: String = "127.0.0.1", port: Int = 0, logger: Logger? = nil) async throws -> NodeServer {
        let (bound, reportBound) = AsyncStream.makeStream(of: Int.self)
        let app = application(for: node, host: host, port: port, logger: logger) { port in
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

public enum NodeServerError: Error, CustomStringConvertible {
    case notListening(host: String, port: Int)

    public var description: String {
        switch self {
        case let .notListening(host, port): "the server did not start listening on \(host):\(port)"
        }
    }
}
