import ArgumentParser
import Dispatch
import Foundation
import ZKChain
import ZKML
import ZKProof
import ZKServer

/// `zkinfer serve`: the proving service (openapi.yaml) for registered models, with their prover
/// state loaded once, a bounded queue and a pool of prover threads.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve predictions of registered models, each with its proof (HTTP).",
        discussion: """
            Every --model must be registered on the chain (--chain-data DIR or --node URL): its \
            registration receipt, fetched at start, goes into every response bundle. The first line on \
            standard output is "listening on http://HOST:PORT". SIGINT or SIGTERM drains: new \
            predictions are refused with 503, queued and running ones finish, then the process exits. \
            Endpoints: POST /v1/models/{id}/predictions[?wait=true], GET /v1/jobs/{id}[/proof|/bundle], \
            GET /v1/models[/{id}[/descriptor|/receipt]], /metrics, /healthz, /readyz.
            """)

    @Option(name: .customLong("model"), help: "A registered model (.zkm); repeatable.") var models: [String] = []
    @Option(help: "Embedded chain directory to read the models' receipts from.") var chainData: String?
    @Option(help: "A node's base URL to fetch the models' receipts from.") var node: String?
    @Option(help: "HOST:PORT to listen on (port 0: any free port).") var listen = "127.0.0.1:8080"
    @Option(help: "Prover threads (default: the number of cores).") var workers: Int?
    @Option(help: "Jobs that may wait for a prover; beyond that, 429 with Retry-After.") var queueDepth = 16
    @Option(help: "Seconds a ?wait=true request waits for its proof before answering 202.") var waitTimeout = 120.0
    @Option(help: "Seconds a job may prove; the prover then gives up on it and the job fails (timed out).") var jobTimeout = 600.0
    @Option(help: "Largest request body in bytes (413 beyond).") var maxBodyBytes = ServiceServer.defaultMaximumBodyBytes
    @Option(help: "Finished jobs kept for GET /v1/jobs/{id} (oldest forgotten first).") var keepJobs = 256
    @Flag(help: "Log every proven prediction on the chain (AttestInferenceBatch, signed with --key, the models' owner).")
    var attest = false
    @Option(help: "The models' owner key (with --attest).") var key: String?
    @Option(help: "Milliseconds between two attestation batches (with --attest).") var attestInterval = 1000
    @Option(help: "Most predictions in one attestation batch (with --attest).") var attestBatch = 1024
    @Option(help: "Share the job queue with other serve processes in PostgreSQL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
    var queue: String?
    @Option(help: "With --queue: api (HTTP only), worker (proves only, no HTTP) or all.") var role: ServeRole = .all
    @Option(help: "With --queue: seconds a worker's claim on a job lasts unless renewed; a dead worker's job is retried after it.")
    var leaseSeconds = 30

    func validate() throws {
        if models.isEmpty { throw ValidationError("give at least one --model M.zkm") }
        if (chainData == nil) == (node == nil) { throw ValidationError("give either --chain-data DIR or --node URL") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers)") }
        if queueDepth < 1 { throw ValidationError("--queue-depth must be at least 1, got \(queueDepth)") }
        if keepJobs < 1 { throw ValidationError("--keep-jobs must be at least 1, got \(keepJobs)") }
        if maxBodyBytes < 1024 { throw ValidationError("--max-body-bytes must be at least 1024, got \(maxBodyBytes)") }
        if !(waitTimeout > 0) { throw ValidationError("--wait-timeout must be positive") }
        if !(jobTimeout > 0) { throw ValidationError("--job-timeout must be positive") }
        if attest && key == nil { throw ValidationError("--attest signs the batches: give --key, the models' owner key") }
        if !attest && key != nil { throw ValidationError("--key is used with --attest only") }
        if attestInterval < 10 { throw ValidationError("--attest-interval must be at least 10 ms, got \(attestInterval)") }
        if attestBatch < 1 { throw ValidationError("--attest-batch must be at least 1, got \(attestBatch)") }
        if queue == nil && role != .all { throw ValidationError("--role \(role.rawValue) needs a shared --queue postgres://…") }
        if queue != nil && attest { throw ValidationError("--attest is not supported with a shared --queue yet") }
        if leaseSeconds < 1 { throw ValidationError("--lease-seconds must be at least 1, got \(leaseSeconds)") }
    }

    func run() async throws {
        let (host, port) = try NodeCommand.Start.hostAndPort(listen)
        var served = [ServedModel]()
        for path in models {
            let committed = try Loaders.model(path)
            let id = committed.descriptor.modelID
            guard !served.contains(where: { $0.id == id }) else { throw CLIError.usage("\(displayPath(path)) is given twice (model \(id.hex))") }
            let receipt = try await Self.receipt(for: id, path: path, chainData: chainData, node: node)
            served.append(ServedModel(
                name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, committed: committed,
                descriptorBytes: committed.descriptor.encoded(), receiptBytes: receipt.encoded(), genesisHash: receipt.genesisHash,
                registeredHeight: receipt.registrationHeader.height, receiptHeight: receipt.latestHeader.height,
                registrationOwner: receipt.record.owner))
        }
        var batcher: AttestationBatcher?
        if attest, let key {
            let owner = try KeyFile.load(key)
            for (model, path) in zip(served, models) where model.registrationOwner != owner.publicKey {
                throw CLIError.usage("\(displayPath(key)) is not the owner of \(displayPath(path)) (model \(model.id.hex)); "
                                     + "attestations are signed by the model's owner")
            }
            let ledger: any AttestationLedger = if let node {
                NodeAttestationLedger(client: try ChainLocation.makeClient(node), owner: owner)
            } else {
                EmbeddedAttestationLedger(directory: chainData ?? ".", owner: owner)
            }
            batcher = AttestationBatcher(ledger: ledger, interval: .milliseconds(attestInterval), maximumBatch: attestBatch)
        }
        let workerCount = workers ?? ProcessInfo.processInfo.activeProcessorCount
        if let queue {
            try await SharedQueue.run(url: queue, role: role, models: served, workers: workerCount, queueDepth: queueDepth,
                                      lease: .seconds(leaseSeconds), jobTimeout: jobTimeout, host: host, port: port,
                                      waitTimeout: waitTimeout, maxBodyBytes: maxBodyBytes)
            return
        }
        try NodeCommand.Start.checkAddressFree(host: host, port: port)
        let service = ProvingService(models: served, workers: workerCount,
                                     queueDepth: queueDepth, retainedJobs: keepJobs, jobTimeout: jobTimeout, attestations: batcher)
        let server: ServiceServer
        do {
            server = try await ServiceServer.start(service: service, host: host, port: port, waitTimeout: waitTimeout,
                                                   maximumBodyBytes: maxBodyBytes)
        } catch {
            throw CLIError.from(error)
        }
        let displayHost = host.contains(":") ? "[\(host)]" : host
        FileHandle.standardOutput.write(Data((["listening on http://\(displayHost):\(server.port)"]
            + served.map { "model \($0.id.hex) (\($0.name)): registered at height \($0.registeredHeight), receipt as of \($0.receiptHeight)" }
            + ["workers \(service.workers), queue depth \(service.queueDepth)"
               + (attest ? ", attesting every \(attestInterval) ms (at most \(attestBatch) per batch)" : "")]).joined(separator: "\n").utf8 + [10]))
        let signals = Self.onTermination { await server.stop() }
        await server.wait()
        withExtendedLifetime(signals) {}
        let counts = service.finishedCounts
        FileHandle.standardOutput.write(Data("drained and stopped: \(counts.proven) predictions proven, \(counts.failed) failed\n".utf8))
    }

    /// Runs `stop` on SIGINT or SIGTERM (instead of dying); keep the sources alive meanwhile.
    static func onTermination(_ stop: @escaping @Sendable () async -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await stop() } }
            source.resume()
            return source
        }
    }

    static func receipt(for id: Digest, path: String, chainData: String?, node: String?) async throws(CLIError) -> ModelReceipt {
        do {
            if let node {
                return try await ChainLocation.makeClient(node).receipt(for: id)
            }
            return try EmbeddedChain(directory: chainData ?? ".").chain.receipt(for: id)
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.input("\(displayPath(path)) (model \(id.hex)) has no registration receipt: \(terminalSafe(String(describing: error))); "
                                 + "register it first with zkinfer register")
        }
    }
}

/// What a `serve` process does with a shared queue.
enum ServeRole: String, ExpressibleByArgument, CaseIterable {
    case all, api, worker
}
