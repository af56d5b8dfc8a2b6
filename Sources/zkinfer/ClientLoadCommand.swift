import ArgumentParser
import Foundation
import ZKChain
import ZKServer
import ZKVerify

extension ClientCommand {
    /// `zkinfer client load`: a bounded load test of a proving service, from many concurrent
    /// clients, that reports throughput, latency and the share of 429s, and verifies every
    /// proven prediction's bundle offline.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load-test a proving service: N predictions from C concurrent clients, each waiting for its proof.",
            discussion: """
                Every request is answered 2xx (proven) or 429 (queue full; not retried), or counts as a \
                failure (any other status, a transport error, a failed job); with --retries a 429 is retried \
                after a second. With --genesis every proven \
                prediction's bundle is then downloaded and verified offline. Exits 1 on any failure.
                """)

        @Argument(help: "The service's base URL.") var url: String
        @Option(help: "The model ID.") var model: String
        @Option(help: "Samples, sent in turn: {\"input_data\": [[…], …]}.") var input: String
        @Option(help: "Requests in all.") var requests = 500
        @Option(help: "Concurrent clients.") var concurrency = 32
        @Option(help: "The chain's genesis: verify every proven bundle offline afterwards.") var genesis: String?
        @Option(help: "Seconds a request may take.") var timeout = 600.0
        @Option(help: "Times a client retries a 429, one second later (0: a 429 ends the request).") var retries = 0
        @Flag(help: "Print the report as JSON.") var json = false

        func validate() throws {
            if requests < 1 { throw ValidationError("--requests must be at least 1") }
            if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        }

        struct Outcome: Sendable {
            enum Kind: Sendable { case proven(jobID: String), queueFull, failed(String) }
            var kind: Kind
            var seconds: Double
            /// 429 answers this request met, retried or final.
            var queueFullAnswers: Int
        }

        struct Report: Encodable {
            var requests: Int
            var concurrency: Int
            var proven: Int
            var queue_full: Int
            var answers_429: Int
            var failed: Int
            var wall_s: Double
            var proofs_per_s: Double
            var p50_s: Double?
            var p99_s: Double?
            var queue_full_share: Double
            var verified: Int?
            var verification_failures: Int?
            var first_failure: String?
        }

        func run() async throws {
            let client = ServiceClient(baseURL: try ClientCommand.serviceURL(url), requestTimeout: timeout)
            let samples = try InputSamples.load(input).inputData
            let genesisValue = try genesis.map { path throws(CLIError) in try Loaders.genesis(path) }
            let (model, requests, timeout) = (self.model, self.requests, self.timeout)
            let counter = RequestCounter(limit: requests)
            let started = Date()
            let outcomes = await withTaskGroup(of: [Outcome].self) { group in
                for _ in 0..<min(concurrency, requests) {
                    group.addTask {
                        var mine = [Outcome]()
                        while let index = await counter.next() {
                            let begin = Date()
                            var kind = Outcome.Kind.queueFull
                            var refusals = 0
                            while true {
                                do {
                                    if let job = try await ClientCommand.proven(client, modelID: model, sample: samples[index % samples.count],
                                                                                timeout: timeout) {
                                        kind = job.state == "succeeded" ? .proven(jobID: job.id) : .failed("job \(job.id) \(job.state): \(job.error ?? "")")
                                        break
                                    }
                                    refusals += 1
                                    guard refusals <= retries else { break }
                                    try? await Task.sleep(for: .seconds(1))
                                } catch {
                                    kind = .failed(String(describing: error))
                                    break
                                }
                            }
                            mine.append(Outcome(kind: kind, seconds: Date().timeIntervalSince(begin), queueFullAnswers: refusals))
                        }
                        return mine
                    }
                }
                var all = [Outcome]()
                for await part in group { all += part }
                return all
            }
            let wall = Date().timeIntervalSince(started)
            var provenJobs = [String](), latencies = [Double](), queueFull = 0, failures = [String]()
            let refusals = outcomes.reduce(0) { $0 + $1.queueFullAnswers }
            for outcome in outcomes {
                switch outcome.kind {
                case let .proven(jobID):
                    provenJobs.append(jobID)
                    latencies.append(outcome.seconds)
                case .queueFull: queueFull += 1
                case let .failed(reason): failures.append(reason)
                }
            }
            latencies.sort()
            func percentile(_ p: Double) -> Double? {
                latencies.isEmpty ? nil : latencies[min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)]
            }
            var verified: Int?, verificationFailures: Int?
            if let genesisValue {
                verified = 0
                verificationFailures = 0
                for jobID in provenJobs {
                    do {
                        let bundle = try PredictionBundle(decoding: try await client.bundle(jobID))
                        _ = try OfflineVerifier.verify(bundle, genesis: genesisValue)
                        verified! += 1
                    } catch {
                        verificationFailures! += 1
                        failures.append("job \(jobID): \(error)")
                    }
                }
            }
            let report = Report(
                requests: requests, concurrency: concurrency, proven: provenJobs.count, queue_full: queueFull, answers_429: refusals,
                failed: failures.count - (verificationFailures ?? 0), wall_s: (wall * 1000).rounded() / 1000,
                proofs_per_s: (Double(provenJobs.count) / wall * 100).rounded() / 100,
                p50_s: percentile(0.5).map { ($0 * 1000).rounded() / 1000 }, p99_s: percentile(0.99).map { ($0 * 1000).rounded() / 1000 },
                // Of all answers: one per request, plus one per retried 429.
                queue_full_share: (Double(refusals) / Double(requests + refusals - queueFull) * 1000).rounded() / 1000,
                verified: verified, verification_failures: verificationFailures, first_failure: failures.first.map { String($0.prefix(300)) })
            if json {
                try JSONOutput.print(report)
            } else {
                print("requests \(requests) from \(concurrency) clients in \(String(format: "%.2f", wall)) s: "
                      + "\(report.proven) proven, \(queueFull) refused (queue full), \(report.failed) failed; "
                      + "\(refusals) answers 429 (\(String(format: "%.1f", report.queue_full_share * 100))% of all answers), "
                      + "\(retries) retries allowed")
                print("throughput \(String(format: "%.2f", report.proofs_per_s)) proofs/s; latency of proven requests "
                      + "p50 \(report.p50_s.map { String(format: "%.3f", $0) } ?? "-") s, p99 \(report.p99_s.map { String(format: "%.3f", $0) } ?? "-") s")
                if let verified { print("verified offline: \(verified) of \(provenJobs.count) bundles") }
                if let first = report.first_failure { print("first failure: \(terminalSafe(first))") }
            }
            if !failures.isEmpty { throw ExitCode(CLIError.ExitCode.rejected) }
        }
    }
}

/// Hands out request indices 0..<limit to the concurrent clients.
private actor RequestCounter {
    let limit: Int
    var issued = 0
    init(limit: Int) { self.limit = limit }
    func next() -> Int? {
        guard issued < limit else { return nil }
        defer { issued += 1 }
        return issued
    }
}
