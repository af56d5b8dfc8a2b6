import ArgumentParser
import Foundation
import ZKChain
import ZKML
import ZKServer
import ZKVerify

/// `zkinfer client`: talk to a `zkinfer serve` over its HTTP API.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Request proven predictions from a proving service (zkinfer serve).",
        subcommands: [Predict.self, Load.self])

    static func serviceURL(_ text: String) throws(CLIError) -> URL {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw .usage("\(terminalSafe(text)) is not an http(s) URL such as http://127.0.0.1:8080")
        }
        return url
    }

    /// One prediction, waited for: the service answers when proven, or the job is polled.
    static func proven(_ client: ServiceClient, modelID: String, sample: [Float], timeout: Double)
        async throws(ServiceClient.Failure) -> ServiceClient.Job? {
        switch try await client.predict(modelID: modelID, sample: sample, wait: true) {
        case let .accepted(job):
            return job.isFinished ? job : try await client.waitForJob(job.id, timeout: timeout)
        case .queueFull:
            return nil
        }
    }

    struct Predict: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send one sample, wait for its proof and download the prediction bundle (.zkr).",
            discussion: """
                With --genesis the bundle is verified offline at once (proof, descriptor ↔ model ID, \
                registration receipt, not revoked), as `zkinfer verify B.zkr --genesis G` does. A full \
                queue (429) is retried after the service's Retry-After, up to --retries times.
                """)

        @Argument(help: "The service's base URL, e.g. http://127.0.0.1:8080.") var url: String
        @Option(help: "The model ID (64 hex digits; GET /v1/models lists them).") var model: String
        @Option(help: "Samples: {\"input_data\": [[…], …]}; the first (or --sample N) is sent.") var input: String
        @Option(help: "Which sample of the file to send (from 0).") var sample = 0
        @Option(help: "Where to write the bundle (.zkr).") var out: String?
        @Option(help: "The chain's genesis: verify the bundle offline.") var genesis: String?
        @Option(help: "Seconds to wait for the proof.") var timeout = 600.0
        @Option(help: "Retries when the queue is full.") var retries = 10
        @Flag(help: "Wait until the service has logged the prediction on the chain (serve --attest), so the bundle carries its attestation receipt.")
        var attested = false
        @Flag(help: "Print {\"job_id\", \"state\", \"predicted_class\", \"output\", \"prove_s\", \"bundle_bytes\", \"verified\"}.") var json = false

        func run() async throws {
            let client = ServiceClient(baseURL: try ClientCommand.serviceURL(url), requestTimeout: timeout)
            let samples = try InputSamples.load(input)
            guard samples.inputData.indices.contains(sample) else {
                throw CLIError.usage("--sample \(sample), but \(displayPath(input)) holds \(samples.inputData.count) sample(s)")
            }
            let genesisValue = try genesis.map { path throws(CLIError) in try Loaders.genesis(path) }
            var job: ServiceClient.Job?
            do {
                for attempt in 0...retries {
                    switch try await client.predict(modelID: model, sample: samples.inputData[sample], wait: true) {
                    case let .accepted(accepted):
                        job = accepted.isFinished ? accepted : try await client.waitForJob(accepted.id, timeout: timeout)
                    case let .queueFull(retryAfter, detail):
                        guard attempt < retries else { throw CLIError.input("the service's queue stays full: \(terminalSafe(detail))") }
                        try? await Task.sleep(for: .seconds(retryAfter))
                    }
                    if job != nil { break }
                }
            } catch let failure as ServiceClient.Failure {
                throw CLIError.chain("\(terminalSafe(url)): \(terminalSafe(failure.description))")
            }
            guard var job else { throw CLIError.input("no answer from \(terminalSafe(url))") }
            guard job.state == "succeeded" else {
                throw CLIError.input("the service could not prove the prediction: \(terminalSafe(job.error ?? job.state))")
            }
            if attested {
                guard job.attestation != nil else { throw CLIError.usage("\(terminalSafe(url)) does not attest predictions (serve without --attest)") }
                do { job = try await client.waitForAttestation(job.id, timeout: timeout) } catch {
                    throw CLIError.chain("\(terminalSafe(url)): \(terminalSafe(error.description))")
                }
                guard job.attestation == "recorded" else {
                    throw CLIError.chain("the service could not log the prediction on the chain: \(terminalSafe(job.attestationError ?? "unknown"))")
                }
            }
            let bundleBytes: [UInt8]
            do { bundleBytes = try await client.bundle(job.id) } catch {
                throw CLIError.chain("\(terminalSafe(url)): cannot download the bundle: \(terminalSafe(error.description))")
            }
            if let out { try CLIFiles.write(bundleBytes, to: out, what: "the prediction bundle", notOverwriting: [input]) }
            var verified: String?
            if let genesisValue {
                let bundle: PredictionBundle
                do { bundle = try PredictionBundle(decoding: bundleBytes) } catch {
                    throw CLIError.rejected("the service sent a bundle that does not decode: \(terminalSafe(error.description))")
                }
                do {
                    let statement = try OfflineVerifier.verify(bundle, genesis: genesisValue)
                    verified = "verified offline: model \(statement.modelID.hex), registered and not revoked"
                        + (statement.attestation.map { "; logged by its owner in block \($0.height)" } ?? "")
                } catch {
                    throw CLIError.rejected("the service's bundle does not verify: \(terminalSafe(String(describing: error)))")
                }
            }
            if json {
                struct Result: Encodable {
                    var job_id: String; var state: String; var predicted_class: Int?; var output: [Double]?
                    var prove_s: Double?; var bundle_bytes: Int; var bundle: String?; var verified: Bool
                    var attested_height: Int?
                }
                try JSONOutput.print(Result(job_id: job.id, state: job.state, predicted_class: job.predictedClass, output: job.output,
                                            prove_s: job.proveSeconds, bundle_bytes: bundleBytes.count, bundle: out, verified: verified != nil,
                                            attested_height: job.attestedHeight))
                return
            }
            print("job \(job.id): class \(job.predictedClass.map(String.init) ?? "?"), proven in \(String(format: "%.3f", job.proveSeconds ?? 0)) s")
            if let out { print("wrote \(displayPath(out)) (\(bundleBytes.count) bytes)") }
            if let verified { print(verified) }
        }
    }
}
