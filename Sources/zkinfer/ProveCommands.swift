import ArgumentParser
import Foundation
import ZKML

struct Prove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Prove that the committed model maps the input samples to their outputs (one proof per batch).")

    @Argument(help: "A .zkm model.") var model: String
    @Option(help: "Samples: {\"input_data\": [[…], …]} (same format as infer).") var input: String
    @Option(help: "Where to write the proof (.zkp).") var output: String
    @Option(help: "Prove only the first N samples of the input file.") var first: Int?
    @Flag(help: "Print every prover stage with its start time.") var verbose = false

    func run() throws {
        let quantized = try loadModel(model)
        let samples = try InputData.load(contentsOf: URL(fileURLWithPath: input))
        try samples.checkSampleSize(quantized.inputShape.reduce(1, *), source: input)
        let progress = ProgressLine(verbose: verbose)
        progress.update("committing to the weights")
        let setupStarted = Date()
        let prover = InferenceProver(model: quantized)
        let setup = Date().timeIntervalSince(setupStarted)
        if let first, first < 1 { throw CLIError("--first must be at least 1") }
        let inputs = samples.inputData.prefix(first ?? samples.inputData.count).map { quantized.quantizeInput($0) }
        let started = Date()
        progress.started = started
        let proof = try prover.prove(inputs) { progress.update($0) }
        let elapsed = Date().timeIntervalSince(started)
        progress.finish()
        let bytes = proof.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        let outputs = proof.outputs(shape: quantized.outputShape)
        for (index, tensor) in outputs.enumerated() {
            print("sample \(index): class \(argmax(quantized.dequantizeOutput(tensor)))  int8 output \(tensor.scalars)")
        }
        print("model ID \(prover.descriptor.modelID.hex)")
        print("wrote \(output) (\(bytes.count) bytes): proved \(inputs.count) sample(s) in \(String(format: "%.3f", elapsed)) s "
              + "(weights commitment \(String(format: "%.3f", setup)) s, once per model)")
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify an inference proof against a model descriptor; prints the proven output, exits non-zero on failure.")

    @Argument(help: "A proof (.zkp).") var proof: String
    @Option(help: "The model's public descriptor (.zkpub).") var model: String
    @Option(help: "Optional samples to check the proof's input against (same format as infer).") var input: String?
    @Option(help: "The model's registration receipt: also check the model is registered on the chain and not revoked.")
    var receipt: String?
    @Option(help: "The chain's genesis.json (with --receipt).") var genesis: String?

    func run() throws {
        guard let proofBytes = FileManager.default.contents(atPath: proof) else { throw CLIError("cannot read \(proof)") }
        guard let descriptorBytes = FileManager.default.contents(atPath: model) else { throw CLIError("cannot read \(model)") }
        let descriptor = try ModelDescriptor(decoding: Array(descriptorBytes))
        let decoded = try InferenceProof(decoding: Array(proofBytes))
        if let receipt {
            guard let genesis else { throw CLIError("--receipt needs --genesis") }
            let record = try verifiedRecord(receipt: receipt, genesis: genesis)
            guard record.modelID == descriptor.modelID, record.circuitDigest == descriptor.circuit.digest,
                  record.weightsCommitment == descriptor.weightsCommitment.root else {
                throw CLIError("the receipt registers model \(record.modelID.hex), not the descriptor's \(descriptor.modelID.hex)")
            }
            if let revoked = record.revokedAt { throw CLIError("model \(record.modelID.hex) was revoked at block \(revoked)") }
            print("receipt valid: model \(record.modelID.hex) registered at block \(record.registeredAt), not revoked")
        }
        let skeleton = descriptor.circuit.skeleton
        if let input {
            let samples = try InputData.load(contentsOf: URL(fileURLWithPath: input))
            try samples.checkSampleSize(skeleton.inputShape.reduce(1, *), source: input)
            let expected = samples.inputData.flatMap { skeleton.quantizeInput($0).scalars }
            guard expected == decoded.input else { throw CLIError("the proof is about another input than \(input)") }
        }
        let started = Date()
        let outputs: [Tensor<Int8>]
        do { outputs = try InferenceVerifier.verify(decoded, descriptor: descriptor) } catch {
            throw CLIError("proof rejected: \(error)")
        }
        let elapsed = Date().timeIntervalSince(started)
        for (index, tensor) in outputs.enumerated() {
            let values = skeleton.dequantizeOutput(tensor)
            print("sample \(index): class \(argmax(values))  output \(values.map { String(format: "%.4f", $0) }.joined(separator: " "))")
        }
        print("proof valid for model \(descriptor.modelID.hex) (\(decoded.batchSize) sample(s), "
              + "\(proofBytes.count) bytes, verified in \(String(format: "%.1f", elapsed * 1000)) ms)")
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
