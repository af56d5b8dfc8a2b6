import ArgumentParser
import Foundation
import ZKML

/// One zoo model's figures in `zkinfer bench prove`.
struct ProveBenchmarkResult: Codable {
    var model: String
    var params: Int
    var macs: Int
    var prove_s: Double
    var verify_s: Double
    var proof_bytes: Int
    var peak_rss_bytes: Int
    var inference_s: Double
    /// Weights commitment, once per model (not part of prove_s).
    var setup_s: Double
}

extension Bench {
    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove and verify one test sample of every zoo model; one child process per model, so peak memory is per model.")

        @Flag(help: "Print {\"results\": [{\"model\", \"params\", \"macs\", \"prove_s\", \"verify_s\", \"proof_bytes\", \"peak_rss_bytes\", \"inference_s\", \"setup_s\"}]}.")
        var json = false
        @Option(help: "Repetitions per timed figure; the best is reported.") var repetitions = 3
        @Option(help: "The model zoo directory.") var zoo = "Circuits"
        @Option(parsing: .upToNextOption, help: "Only these models.") var models: [String] = []

        func validate() throws {
            if repetitions < 1 { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
        }

        func run() throws {
            #if DEBUG
            FileHandle.standardError.write(Data("warning: debug build; figures are not meaningful (use swift build -c release)\n".utf8))
            #endif
            let names = models.isEmpty ? try zooModels() : models
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-bench-\(getpid())")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            var results = [ProveBenchmarkResult]()
            for name in names {
                let directory = URL(fileURLWithPath: zoo).appendingPathComponent(name)
                FileHandle.standardError.write(Data("\(name): importing…\n".utf8))
                let graph = try ONNXImporter.importModel(contentsOf: directory.appendingPathComponent("model.onnx"))
                let calibration = try InputData.load(contentsOf: directory.appendingPathComponent("calibration.json"))
                let model = try Quantizer(graph: graph).quantize(calibration: calibration.inputData)
                let modelURL = scratch.appendingPathComponent("\(name).zkm")
                try Data(CommittedModel(committing: model).encoded()).write(to: modelURL)
                FileHandle.standardError.write(Data("\(name): proving…\n".utf8))
                var result = try runChild(model: modelURL, sample: directory.appendingPathComponent("test.json"))
                result.model = name
                results.append(result)
            }
            results.sort { ($0.params, $0.model) < ($1.params, $1.model) }
            if json {
                struct Envelope: Codable { var results: [ProveBenchmarkResult] }
                print(String(decoding: try sortedEncoder().encode(Envelope(results: results)), as: UTF8.self))
            } else {
                print(Self.table(results))
            }
        }

        func zooModels() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: zoo).filter { name in
                FileManager.default.fileExists(atPath: "\(zoo)/\(name)/model.onnx")
            }.sorted { a, b in (try? modelSize(a)) ?? 0 < (try? modelSize(b)) ?? 0 }
        }

        func modelSize(_ name: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: "\(zoo)/\(name)/model.onnx")[.size] as? Int) ?? 0
        }

        func runChild(model: URL, sample: URL) throws -> ProveBenchmarkResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            if let path = Bundle.main.executablePath { process.executableURL = URL(fileURLWithPath: path) }
            process.arguments = ["bench", "prove-model", model.path, "--sample", sample.path, "--repetitions", "\(max(1, repetitions))"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CLIError.input("benchmark of \(model.lastPathComponent) failed") }
            return try JSONDecoder().decode(ProveBenchmarkResult.self, from: output)
        }

        static func table(_ results: [ProveBenchmarkResult]) -> String {
            let header = ["model", "params", "MACs", "prove s", "verify ms", "proof KB", "peak MB", "inference ms", "overhead ×", "setup s"]
            var rows = [header]
            for r in results {
                rows.append([r.model, "\(r.params)", "\(r.macs)", String(format: "%.3f", r.prove_s), String(format: "%.1f", r.verify_s * 1000),
                             String(format: "%.0f", Double(r.proof_bytes) / 1024), String(format: "%.0f", Double(r.peak_rss_bytes) / 1_048_576),
                             String(format: "%.3f", r.inference_s * 1000), String(format: "%.0f", r.prove_s / max(r.inference_s, 1e-9)),
                             String(format: "%.3f", r.setup_s)])
            }
            let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                row.enumerated().map { column, cell in
                    column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[column] - cell.count) + cell
                }.joined(separator: "  ")
            }.joined(separator: "\n")
        }
    }

    /// The child side of `bench prove`: one model, one process, JSON on stdout.
    struct ProveModel: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prove-model", shouldDisplay: false)

        @Argument var model: String
        @Option var sample: String
        @Option var repetitions = 3

        func run() throws {
            let quantized = try loadModel(model)
            let samples = try InputData.load(contentsOf: URL(fileURLWithPath: sample))
            guard let first = samples.inputData.first else { throw CLIError.input("\(sample) has no samples") }
            let input = quantized.quantizeInput(first)
            var prover: InferenceProver?
            // Setup = the weights commitment, made again here to be measured (prove reuses the stored one).
            let setup = bestTime(repetitions: 1) { prover = InferenceProver(model: quantized) }
            guard let prover else { throw CLIError.input("no prover") }
            var proof: InferenceProof?
            var failure: Error?
            let prove = bestTime(repetitions: repetitions) {
                do { proof = try prover.prove([input]) } catch { failure = error }
            }
            guard let proof else { throw failure ?? CLIError.input("no proof") }
            let bytes = proof.encoded()
            let verify = bestTime(repetitions: repetitions) {
                do {
                    let decoded = try InferenceProof(decoding: bytes)
                    try InferenceVerifier.verify(decoded, descriptor: prover.descriptor)
                } catch { failure = error }
            }
            if let failure { throw CLIError.rejected("verification failed: \(failure)") }
            let inference = bestTime(repetitions: max(5, repetitions)) { _ = quantized.infer(input) }
            let summary = ModelSummary(quantized)
            let result = ProveBenchmarkResult(
                model: URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent, params: summary.parameters,
                macs: summary.macs, prove_s: prove, verify_s: verify, proof_bytes: bytes.count,
                peak_rss_bytes: peakResidentBytes(), inference_s: inference, setup_s: setup)
            print(String(decoding: try sortedEncoder().encode(result), as: UTF8.self))
        }
    }
}

/// This process's peak resident set (VmHWM), 0 where /proc is unavailable.
func peakResidentBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let digits = line.split(separator: " ").compactMap { Int($0) }
        return (digits.first ?? 0) * 1024
    }
    return 0
}
