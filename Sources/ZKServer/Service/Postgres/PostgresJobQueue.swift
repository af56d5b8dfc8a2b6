import Foundation
import PostgresNIO
import ZKML

/// The API side of the shared queue: predictions are inserted, jobs read back; the proving
/// happens in `PostgresWorker`s, in this process or others.
package final class PostgresJobQueue: JobQueue, @unchecked Sendable {
    package let client: PostgresClient
    package let models: [ServedModel]
    package let queueDepth: Int
    package let metrics: ServiceMetrics
    /// Workers in this process (role all), started and drained with the API.
    package let workers: PostgresWorker?
    private let lock = NSLock()
    private var draining = false

    package init(client: PostgresClient, models: [ServedModel], queueDepth: Int, metrics: ServiceMetrics, workers: PostgresWorker?) {
        self.client = client
        self.models = models
        self.queueDepth = max(1, queueDepth)
        self.metrics = metrics
        self.workers = workers
    }

    package var isDraining: Bool { lock.withLock { draining } }

    /// Creates the job table if it is missing (every role does, at start).
    package static func migrate(_ client: PostgresClient) async throws {
        try await PostgresJobSchema.migrate(client)
    }

    package func start() { workers?.start() }

    package func submit(modelID: String, sample: [Float]) async throws(SubmissionError) -> String {
        guard let model = model(modelID) else { throw .unknownModel(modelID) }
        guard sample.count == model.inputCount else { throw .wrongInputSize(expected: model.inputCount, got: sample.count) }
        if let index = sample.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteInput(index: index) }
        guard !isDraining else { throw .draining }
        let id = ProvingJob.newID()
        let input = Data(sample.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
        let modelHex = model.id.hex
        let depth = queueDepth
        do {
            // Counted and inserted in one statement: the queue never exceeds its depth.
            let rows = try await client.query("""
                INSERT INTO zkinfer_jobs (id, model_id, input, state)
                SELECT \(id), \(modelHex), \(input), 'queued'
                WHERE (SELECT count(*) FROM zkinfer_jobs WHERE state = 'queued') < \(depth)
                RETURNING id
                """).collect()
            guard !rows.isEmpty else {
                metrics.job("queue_full")
                throw SubmissionError.queueFull(depth: depth, retryAfter: 1)
            }
        } catch let error as SubmissionError {
            throw error
        } catch {
            throw .unavailable(String(describing: error))
        }
        metrics.job("accepted")
        return id
    }

    package func job(_ id: String) async -> ProvingJob? {
        do {
            let rows = try await client.query("""
                SELECT model_id, state, created, started, finished, worker, attempts, stage, output_int8, proof, error
                FROM zkinfer_jobs WHERE id = \(id)
                """).collect()
            guard let row = rows.first else { return nil }
            let (modelHex, state, created, started, finished, worker, attempts, stage, output, proof, error) = try row.decode(
                (String, String, Date, Date?, Date?, String?, Int32, String?, Data?, Data?, String?).self)
            guard let model = model(modelHex) else { return nil }
            var job = ProvingJob(id: id, modelID: model.id, created: created)
            job.state = ProvingJob.State(rawValue: state) ?? .failed
            job.started = started
            job.finished = finished
            job.worker = worker
            job.attempts = Int(attempts)
            job.stage = stage
            job.error = error
            job.proof = proof.map { [UInt8]($0) }
            if let output {
                let scalars = output.map { Int8(bitPattern: $0) }
                job.outputInt8 = scalars
                let values = model.model.dequantizeOutput(Tensor(shape: model.model.outputShape, scalars: scalars))
                job.output = values
                job.predictedClass = values.indices.max { values[$0] < values[$1] }
            }
            return job
        } catch {
            return nil
        }
    }

    package func waitForCompletion(_ id: String, timeout: Double) async -> ProvingJob? {
        await pollForCompletion(id, timeout: timeout, interval: .milliseconds(20))
    }

    package func drain() async {
        lock.withLock { draining = true }
        await workers?.drain()
    }
}
