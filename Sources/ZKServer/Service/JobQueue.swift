/// Where the HTTP API puts predictions and reads jobs back: the in-process `ProvingService`,
/// or `PostgresJobQueue` shared by several processes.
package protocol JobQueue: Sendable {
    var models: [ServedModel] { get }
    var metrics: ServiceMetrics { get }
    var isDraining: Bool { get }
    /// Starts whatever proves jobs in this process (nothing for an API-only node).
    func start()
    /// Queues one sample for `modelID`, returning the job ID.
    func submit(modelID: String, sample: [Float]) async throws(SubmissionError) -> String
    func job(_ id: String) async -> ProvingJob?
    /// The job once finished, or as it stands after `timeout` seconds.
    func waitForCompletion(_ id: String, timeout: Double) async -> ProvingJob?
    /// Refuses new jobs and lets this process's running ones finish.
    func drain() async
}

extension JobQueue {
    package func model(_ id: String) -> ServedModel? {
        models.first { $0.id.hex == id.lowercased() }
    }

    /// Polls `job(id)` until it finishes or `timeout` passes.
    package func pollForCompletion(_ id: String, timeout: Double, interval: Duration = .milliseconds(10)) async -> ProvingJob? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        while true {
            guard let job = await job(id) else { return nil }
            if job.isFinished || ContinuousClock.now >= deadline { return job }
            try? await Task.sleep(for: interval)
        }
    }
}
