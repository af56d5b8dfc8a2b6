import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import OpenAPIHummingbird
import ServiceLifecycle

/// Serves a `ProvingService` over HTTP (openapi.yaml) on a host and port, and drains it on stop.
package final class ServiceServer: Sendable {
    package let service: any JobQueue
    package let host: String
    package let port: Int
    private let services: ServiceGroup
    private let task: Task<Void, any Error>

    /// The largest request body accepted: a prediction of a large image model is well below.
    package static let defaultMaximumBodyBytes = 4 << 20

    package var url: URL { URL(string: "http://\(host):\(port)") ?? URL(fileURLWithPath: "/") }

    private init(service: any JobQueue, host: String, port: Int, services: ServiceGroup, task: Task<Void, any Error>) {
        self.service = service
        self.host = host
        self.port = port
        self.services = services
        self.task = task
    }

    /// Starts the workers and the HTTP server, returning once it listens (port 0: the system
    /// chooses; `port` is then the bound one).
    package static func start(service: any JobQueue, host: String, port: Int, waitTimeout: Double = 120,
                              maximumBodyBytes: Int = defaultMaximumBodyBytes, logger: Logger? = nil) async throws -> ServiceServer {
        let logger = logger ?? NodeServer.quietLogger
        let router = Router()
        router.add(middleware: ServiceErrorMiddleware(maximumBodyBytes: maximumBodyBytes))
        try ServiceAPI(service: service, waitTimeout: waitTimeout).registerHandlers(on: router)
        let (bound, reportBound) = AsyncStream.makeStream(of: Int.self)
        let http = HTTP1Channel.Configuration(additionalChannelHandlers: [ParserErrorResponder()], idleTimeout: .seconds(30))
        let app = Application(
            router: router, server: .http1(configuration: http),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "zkinfer-serve"),
            onServerRunning: { channel in
                reportBound.yield(channel.localAddress?.port ?? port)
                reportBound.finish()
            },
            logger: logger)
        service.start()
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        let task = Task {
            defer { reportBound.finish() }
            try await services.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            try await task.value
            throw NodeServerError.notListening(host: host, port: port)
        }
        return ServiceServer(service: service, host: host, port: boundPort, services: services, task: task)
    }

    /// Graceful shutdown: new predictions are refused (503, and /readyz says draining), queued and
    /// running jobs finish, then the HTTP server stops accepting and ends.
    package func stop() async {
        await service.drain()
        await services.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Waits until the server ends (after `stop()` from a signal handler).
    package func wait() async {
        _ = try? await task.value
    }
}
