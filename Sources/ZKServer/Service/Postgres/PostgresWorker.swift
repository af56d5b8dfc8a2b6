import Foundation
import PostgresNIO
import ZKML
import ZKProof

/// Claims jobs from the shared table and proves them, `workers` at a time, each proof on a
/// thread of its own (off the concurrency pool) while its lease is renewed. A job is given up
/// (failed) after `maximumAttempts` claims: its workers kept dying or timing out.
package final class PostgresWorker: @unchecked Sendable {
    package let client: PostgresClient
    package let models: [ServedModel]
    package let workers: Int
    package let lease: Duration
    package let name: String
    package let jobTimeout: Double
    package let metrics: ServiceMetrics
    static let maximumAttempts = 3

    private let lock = NSLock()
    private var stopping = false
    private var tasks: [Task<Void, Never>] = []

    package init(client: PostgresClient, models: [ServedModel], workers: Int, lease: Duration, name: String, jobTimeout: Double,
                 metrics: ServiceMetrics) {
        self.client = client
        self.models = models
        self.workers = max(1, workers)
        self.lease = lease
        self.name = name
        self.jobTimeout = jobTimeout
        self.metrics = metrics
    }

    package func start() {
        lock.withLock {
            guard tasks.isEmpty else { return }
            tasks = (0..<workers).map { index in Task { [self] in await loop(slot: "\(name)/\(index)") } }
        }
    }

    /// Stops claiming; returns when the jobs being proven are written.
    package func drain() async {
        let running = lock.withLock { () -> [Task<Void, Never>] in
            stopping = true
            return tasks
        }
        for task in running { await task.value }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func loop(slot: String) async {
        while !isStopping {
            let claimed: (id: String, modelID: String, input: [Float], attempts: Int)?
            do { claimed = try await claim(slot) } catch {
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            guard let claimed else {
                try? await Task.sleep(for: .milliseconds(25))
                continue
            }
            guard let model = models.first(where: { $0.id.hex == claimed.modelID }) else {
                // A job for a model this worker does not serve: let its lease run out for another.
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            if claimed.attempts > Self.maximumAttempts {
                await finish(claimed.id, slot: slot, state: "failed", error: "given up after \(Self.maximumAttempts) attempts "
                             + "(its workers stopped or timed out)")
                continue
            }
            await prove(claimed.id, model: model, input: claimed.input, slot: slot)
        }
    }

    /// The oldest queued job, or one whose worker's lease ran out.
    private func claim(_ slot: String) async throws -> (id: String, modelID: String, input: [Float], attempts: Int)? {
        let seconds = Double(lease.components.seconds) + Double(lease.components.attoseconds) / 1e18
        let rows = try await client.query("""
            UPDATE zkinfer_jobs SET state = 'proving', worker = \(slot), attempts = attempts + 1, started = now(), stage = NULL,
                lease_until = now() + make_interval(secs => \(seconds))
            WHERE id = (SELECT id FROM zkinfer_jobs
                        WHERE state = 'queued' OR (state = 'proving' AND lease_until < now())
                        ORDER BY created FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, model_id, input, attempts
            """).collect()
        guard let row = rows.first else { return nil }
        let (id, modelID, input, attempts) = try row.decode((String, String, Data?, Int32).self)
        let bytes = [UInt8](input ?? Data())
        let sample = stride(from: 0, to: bytes.count - bytes.count % 4, by: 4).map { offset in
            Float(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
        }
        return (id, modelID, sample, Int(attempts))
    }

    private func prove(_ id: String, model: ServedModel, input: [Float], slot: String) async {
        let stage = StageBox()
        // Renew the lease (and publish the stage) while the proof runs.
        let heartbeat = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: lease / 3)
                let seconds = Double(lease.components.seconds)
                _ = try? await client.query("""
                    UPDATE zkinfer_jobs SET lease_until = now() + make_interval(secs => \(seconds)), stage = \(stage.value)
                    WHERE id = \(id) AND worker = \(slot) AND state = 'proving'
                    """)
            }
        }
        let started = Date()
        let outcome = await PredictionProof.prove(model, input: input, timeout: jobTimeout) { stage.value = $0 }
        heartbeat.cancel()
        switch outcome {
        case let .success(proven):
            metrics.proveDuration(model: model.id.hex, seconds: Date().timeIntervalSince(started))
            await finish(id, slot: slot, state: "succeeded", proof: proven.proof, output: proven.output.scalars)
        case let .failure(failure):
            if failure.timedOut { metrics.job("timed_out") }
            await finish(id, slot: slot, state: "failed", error: failure.reason)
        }
    }

    /// Writes the result if this worker still holds the job: a worker whose lease ran out and
    /// was taken over writes nothing, so a job never has two results.
    private func finish(_ id: String, slot: String, state: String, proof: [UInt8]? = nil, output: [Int8]? = nil, error: String? = nil) async {
        let proofData = proof.map { Data($0) }
        let outputData = output.map { Data($0.map { UInt8(bitPattern: $0) }) }
        let rows = try? await client.query("""
            UPDATE zkinfer_jobs SET state = \(state), proof = \(proofData), output_int8 = \(outputData), error = \(error),
                input = NULL, finished = now(), lease_until = NULL, stage = NULL
            WHERE id = \(id) AND worker = \(slot) AND state = 'proving'
            RETURNING id
            """).collect()
        metrics.job((rows?.isEmpty ?? true) ? "lease_lost" : state)
    }
}

/// The stage a proof is in, written by its thread and read by the heartbeat.
private final class StageBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current: String?
    var value: String? {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
