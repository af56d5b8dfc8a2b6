import Foundation
import ZKChain
import ZKML
import ZKProof

/// Why a prediction was not queued.
package enum SubmissionError: Error, Equatable, Sendable {
    case unknownModel(String)
    case wrongInputSize(expected: Int, got: Int)
    case nonFiniteInput(index: Int)
    /// The queue holds `depth` jobs already; retry after about `retryAfter` seconds.
    case queueFull(depth: Int, retryAfter: Int)
    case draining
    /// The shared queue (PostgreSQL) could not be reached.
    case unavailable(String)
}

/// The in-process proving service: a bounded queue of prediction jobs and `workers` threads that
/// prove them with each model's prover state, loaded once. Proving runs on dedicated threads,
/// not on the concurrency pool, so the HTTP server stays responsive while every worker proves.
/// Memory is bounded: at most `queueDepth` queued inputs, `workers` provers' working sets, and
/// `retainedJobs` finished jobs (oldest forgotten first).
package final class ProvingService: JobQueue, @unchecked Sendable {
    package let models: [ServedModel]
    package let workers: Int
    package let queueDepth: Int
    package let retainedJobs: Int
    /// Seconds a job may prove before the prover gives up on it (it then fails, "timed out").
    package let jobTimeout: Double
    package let metrics: ServiceMetrics
    /// Records every proven prediction on the chain, in batches (serve --attest); nil: no audit trail.
    package let attestations: AttestationBatcher?

    private let condition = NSCondition()
    private var queue: [String] = []
    private var jobs: [String: ProvingJob] = [:]
    private var finishedOrder: [String] = []
    private var running = 0
    private var draining = false
    private var threads: [Thread] = []
    /// Mean prove time so far, for Retry-After.
    private var proveSecondsTotal = 0.0, proveCount = 0
    private var failedCount = 0

    package init(models: [ServedModel], workers: Int, queueDepth: Int, retainedJobs: Int = 256, jobTimeout: Double = 600,
                 metrics: ServiceMetrics = ServiceMetrics(), attestations: AttestationBatcher? = nil) {
        self.models = models
        self.jobTimeout = jobTimeout
        self.attestations = attestations
        self.workers = max(1, workers)
        self.queueDepth = max(1, queueDepth)
        self.retainedJobs = max(1, retainedJobs)
        self.metrics = metrics
    }


    /// Starts the worker threads (and the attestation batcher).
    package func start() {
        attestations?.start { [weak self] jobID, result in self?.attach(jobID, result) }
        condition.lock()
        defer { condition.unlock() }
        guard threads.isEmpty else { return }
        for index in 0..<workers {
            let thread = Thread { [self] in workerLoop() }
            thread.name = "zkinfer-prover-\(index)"
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
    }

    package var isDraining: Bool {
        condition.lock()
        defer { condition.unlock() }
        return draining
    }

    /// Queues one sample for `modelID`, returning the job ID.
    package func submit(modelID: String, sample: [Float]) throws(SubmissionError) -> String {
        guard let model = model(modelID) else { throw .unknownModel(modelID) }
        guard sample.count == model.inputCount else { throw .wrongInputSize(expected: model.inputCount, got: sample.count) }
        if let index = sample.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteInput(index: index) }
        condition.lock()
        defer { condition.unlock() }
        guard !draining else { throw .draining }
        guard queue.count < queueDepth else {
            metrics.job("queue_full")
            let mean = proveCount == 0 ? 1 : proveSecondsTotal / Double(proveCount)
            throw .queueFull(depth: queueDepth, retryAfter: max(1, Int((mean * Double(queue.count) / Double(workers)).rounded(.up))))
        }
        let id = ProvingJob.newID()
        var job = ProvingJob(id: id, modelID: model.id, created: Date())
        job.input = sample
        jobs[id] = job
        queue.append(id)
        metrics.job("accepted")
        metrics.queueDepth(queue.count)
        condition.signal()
        return id
    }

    /// Jobs finished since start: proven and failed.
    package var finishedCounts: (proven: Int, failed: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (proveCount, failedCount)
    }

    package func job(_ id: String) -> ProvingJob? {
        condition.lock()
        defer { condition.unlock() }
        return jobs[id]
    }

    package func waitForCompletion(_ id: String, timeout: Double) async -> ProvingJob? {
        await pollForCompletion(id, timeout: timeout)
    }

    /// Refuses new jobs, lets the queued and running ones finish, then stops the workers.
    package func drain() async {
        beginDraining()
        while !isIdle { try? await Task.sleep(for: .milliseconds(20)) }
        await attestations?.stop()
    }

    /// A proven job's attestation receipt, or why it has none.
    private func attach(_ id: String, _ result: Result<(receipt: [UInt8], height: UInt64), AttestationBatcher.AttestationFailure>) {
        condition.lock()
        defer { condition.unlock() }
        switch result {
        case let .success((receipt, height)):
            jobs[id]?.attestation = receipt
            jobs[id]?.attestedHeight = height
            jobs[id]?.attestationState = .recorded
            metrics.job("attested")
        case let .failure(failure):
            jobs[id]?.attestationError = failure.reason
            jobs[id]?.attestationState = .failed
            metrics.job("attestation_failed")
        }
    }

    private func beginDraining() {
        condition.lock()
        draining = true
        condition.broadcast()
        condition.unlock()
    }

    private var isIdle: Bool {
        condition.lock()
        defer { condition.unlock() }
        return queue.isEmpty && running == 0
    }

    private func workerLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !draining { condition.wait() }
            if queue.isEmpty {
                condition.unlock()
                return
            }
            let id = queue.removeFirst()
            guard var job = jobs[id], let input = job.input, let model = models.first(where: { $0.id == job.modelID }) else {
                condition.unlock()
                continue
            }
            job.state = .proving
            job.started = Date()
            job.input = nil
            jobs[id] = job
            running += 1
            metrics.queueDepth(queue.count)
            metrics.proving(running)
            condition.unlock()

            let (finished, leaf) = prove(job, input: input, model: model)

            condition.lock()
            jobs[id] = finished
            // Queued for the chain only once stored, so its receipt always finds the job.
            if let leaf { attestations?.enqueue(jobID: id, attestation: leaf) }
            running -= 1
            finishedOrder.append(id)
            while finishedOrder.count > retainedJobs { jobs[finishedOrder.removeFirst()] = nil }
            if let seconds = finished.proveSeconds, finished.state == .succeeded {
                proveSecondsTotal += seconds
                proveCount += 1
            } else {
                failedCount += 1
            }
            metrics.proving(running)
            metrics.job(finished.state.rawValue)
            condition.unlock()
        }
    }

    /// The proven (or failed) job, and its attestation leaf when the batcher should log it.
    private func prove(_ job: ProvingJob, input: [Float], model: ServedModel) -> (ProvingJob, InferenceAttestation?) {
        var job = job
        var leaf: InferenceAttestation?
        var stageStart = Date()
        var stageName = "start"
        let outcome = PredictionProof.proveHere(model, input: input, timeout: jobTimeout) { stage in
            let now = Date()
            job.stages.append((stageName, now.timeIntervalSince(stageStart)))
            (stageName, stageStart) = (stage, now)
            self.setStage(job.id, stage)
        }
        switch outcome {
        case let .success(proven):
            job.stages.append((stageName, Date().timeIntervalSince(stageStart)))
            let dequantized = model.model.dequantizeOutput(proven.output)
            job.outputInt8 = proven.output.scalars
            job.output = dequantized
            job.predictedClass = dequantized.indices.max { dequantized[$0] < dequantized[$1] }
            job.proof = proven.proof
            job.state = .succeeded
            if attestations != nil {
                job.attestationState = .pending
                leaf = InferenceAttestation(modelID: model.id, input: proven.input.scalars, output: proven.output.scalars, proof: proven.proof)
            }
        case let .failure(failure):
            if failure.timedOut { metrics.job("timed_out") }
            job.error = failure.reason
            job.state = .failed
        }
        job.stage = nil
        job.finished = Date()
        if let seconds = job.proveSeconds, job.state == .succeeded { metrics.proveDuration(model: model.id.hex, seconds: seconds) }
        return (job, leaf)
    }

    private func setStage(_ id: String, _ stage: String) {
        condition.lock()
        jobs[id]?.stage = stage
        condition.unlock()
    }

}
