import Dispatch
import Foundation
import Logging
import PostgresNIO
import ZKServer

/// `serve --queue postgres://…`: the API and/or the workers of a service whose jobs live in a
/// PostgreSQL database shared by several processes.
enum SharedQueue {
    static func run(url: String, role: ServeRole, models: [ServedModel], workers: Int, queueDepth: Int, lease: Duration,
                    jobTimeout: Double, host: String, port: Int, waitTimeout: Double, maxBodyBytes: Int) async throws {
        var logger = Logger(label: "zkinfer.serve.postgres")
        logger.logLevel = .error
        let client = PostgresClient(configuration: try configuration(url), backgroundLogger: logger)
        let clientTask = Task { await client.run() }
        await Task.yield()
        defer { clientTask.cancel() }
        do {
            try await PostgresJobQueue.migrate(client)
        } catch {
            throw CLIError.chain("cannot use the job queue at \(redacted(url)): \(terminalSafe(String(String(reflecting: error).prefix(300))))")
        }
        let metrics = ServiceMetrics()
        let name = "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        let worker = role == .api ? nil : PostgresWorker(client: client, models: models, workers: workers, lease: lease, name: name,
                                                        jobTimeout: jobTimeout, metrics: metrics)
        if role == .worker, let worker {
            worker.start()
            FileHandle.standardOutput.write(Data("worker \(name) ready: \(workers) prover threads on \(redacted(url))\n".utf8))
            let (stopped, stop) = AsyncStream.makeStream(of: Void.self)
            let signals = ServeCommand.onTermination { stop.finish() }
            for await _ in stopped {}
            await worker.drain()
            withExtendedLifetime(signals) {}
            FileHandle.standardOutput.write(Data("worker \(name) drained and stopped\n".utf8))
            return
        }
        try NodeCommand.Start.checkAddressFree(host: host, port: port)
        let queue = PostgresJobQueue(client: client, models: models, queueDepth: queueDepth, metrics: metrics, workers: worker)
        let server: ServiceServer
        do {
            server = try await ServiceServer.start(service: queue, host: host, port: port, waitTimeout: waitTimeout, maximumBodyBytes: maxBodyBytes)
        } catch {
            throw CLIError.from(error)
        }
        let displayHost = host.contains(":") ? "[\(host)]" : host
        FileHandle.standardOutput.write(Data(("listening on http://\(displayHost):\(server.port)\n"
            + "role \(role.rawValue), queue \(redacted(url))\(worker.map { _ in ", \(workers) prover threads" } ?? "")\n").utf8))
        let signals = ServeCommand.onTermination { await server.stop() }
        await server.wait()
        withExtendedLifetime(signals) {}
        FileHandle.standardOutput.write(Data("drained and stopped\n".utf8))
    }

    /// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, without TLS (a queue on the provider's network).
    static func configuration(_ text: String) throws(CLIError) -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            throw .usage("--queue must be postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, got \(terminalSafe(redacted(text)))")
        }
        let database = String(components.path.drop { $0 == "/" })
        return PostgresClient.Configuration(host: host, port: components.port ?? 5432, username: user, password: components.password,
                                            database: database.isEmpty ? nil : database, tls: .disable)
    }

    /// The URL without its password, for messages.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
