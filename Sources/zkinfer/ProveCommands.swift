import ArgumentParser
import Foundation
import ZKML
import ZKProof

struct Prove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove that the committed model maps the input samples to their outputs (one proof per batch).")

    @Argument(help: "A .zkm model.") var model: String
    @Option(help: "Samples: {\"input_data\": [[…], …]} (same format as infer; - for standard input).") var input: String
    @Option(help: "Where to write the proof (.zkp; - for standard output, then the summary goes to standard error).")
    var output: String
    @Option(help: "Prove only the first N samples of the input file.") var first: Int?
    @Flag(help: "Print every prover stage with its start time.") var verbose = false
    @Flag(help: """
        Print {"model_id", "output", "bytes", "sample_count", "prove_s", "setup_s", "samples": [{"index", "class", \
        "output_int8"}]}.
        """) var json = false

    func validate() throws {
        if let first, first < 1 { throw ValidationError("--first must be at least 1, got \(first)") }
        if json && output == "-" { throw ValidationError("--json and --output - would both write to standard output") }
    }

    func run() throws {
        try CLIFiles.checkSingleStandardInput([model, input])
        try CLIFiles.checkNotAnInput(output, inputs: [model, input])
        let committed = try Loaders.model(model)
        let quantized = committed.model
        let samples = try InputSamples.conform(InputSamples.load(input), quantized.inputShape.reduce(1, *), source: input)
        if let first, first > samples.inputData.count {
            throw CLIError.usage("--first \(first), but \(displayPath(input)) holds \(samples.inputData.count) sample(s); "
                                 + "give --first \(samples.inputData.count) or fewer")
        }
        let progress = ProgressLine(verbose: verbose)
        progress.update("loading the weights commitment")
        let setupStarted = Date()
        let prover = InferenceProver(committed: committed)
        let setup = Date().timeIntervalSince(setupStarted)
        let inputs = samples.inputData.prefix(first ?? samples.inputData.count).map { quantized.quantizeInput($0) }
        let started = Date()
        progress.started = started
        let proof: InferenceProof
        do {
            proof = try prover.prove(inputs, randomness: .system) { progress.update($0) }
        } catch {
            progress.finish()
            throw CLIError.input("cannot prove \(displayPath(input)) with \(displayPath(model)): \(terminalSafe(String(describing: error)))")
        }
        let elapsed = Date().timeIntervalSince(started)
        progress.finish()
        let bytes = proof.encoded()
        try CLIFiles.write(bytes, to: output, what: "the proof", notOverwriting: [model, input])
        let outputs = proof.outputs(shape: quantized.outputShape)
        if json {
            struct Sample: Encodable { var index: Int; var `class`: Int; var output_int8: [Int8] }
            struct Result: Encodable {
                var model_id: String; var output: String; var bytes: Int; var sample_count: Int
                var prove_s: Double; var setup_s: Double; var samples: [Sample]
            }
            try JSONOutput.print(Result(
                model_id: prover.descriptor.modelID.hex, output: output, bytes: bytes.count, sample_count: inputs.count,
                prove_s: (elapsed * 1000).rounded() / 1000, setup_s: (setup * 1000).rounded() / 1000,
                samples: outputs.enumerated().map { index, tensor in
                    Sample(index: index, class: argmax(quantized.dequantizeOutput(tensor)), output_int8: tensor.scalars)
                }))
            return
        }
        let report = Report(outputIsStandardOutput: output == "-")
        for (index, tensor) in outputs.enumerated() {
            report.line("sample \(index): class \(argmax(quantized.dequantizeOutput(tensor)))  int8 output \(tensor.scalars)")
        }
        report.line("model ID \(prover.descriptor.modelID.hex)")
        report.line("wrote \(output == "-" ? "the proof to standard output" : displayPath(output)) (\(bytes.count) bytes): "
                    + "proved \(inputs.count) sample(s) in \(String(format: "%.3f", elapsed)) s "
                    + "(stored weights commitment loaded in \(String(format: "%.3f", setup)) s)")
    }
}

/// A one-line progress display, redrawn in place on a terminal and silent otherwise.
/// With `verbose`, every stage is kept on its own line instead.
final class ProgressLine {
    let enabled = isatty(STDERR_FILENO) != 0
    let verbose: Bool
    var started = Date()

    init(verbose: Bool = false) { self.verbose = verbose }

    func update(_ stage: String) {
        let line = String(format: "[%7.3f s] %@", Date().timeIntervalSince(started), stage)
        if verbose {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        } else if enabled {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    func finish() {
        if verbose { update("done") } else if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
