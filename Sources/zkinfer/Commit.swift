import ArgumentParser
import Foundation
import ZKML

struct Commit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Commit to a quantized model's weights and write its public descriptor (.zkpub).",
        discussion: """
            The descriptor holds the circuit (the model without its weights), the weights commitment \
            and the model ID = SHA-256("zkinfer.model.v2" ‖ circuit digest ‖ weights commitment digest); \
            it is what verifiers need and what the chain registers. The output never replaces the \
            input model.
            """)

    @Argument(help: "A .zkm model (- for standard input).") var model: String
    @Option(help: "Where to write the descriptor (- for standard output; then the summary goes to standard error).")
    var output: String
    @Flag(help: """
        Print {"model_id", "circuit_digest", "weights_commitment", "weights_variables", "tensors", "output", "bytes", \
        "commit_s"}.
        """) var json = false

    func validate() throws {
        if json && output == "-" { throw ValidationError("--json and --output - would both write to standard output") }
    }

    func run() throws {
        try CLIFiles.checkNotAnInput(output, inputs: [model])
        let committed = try Loaders.model(model)
        let started = Date()
        // `import` committed to the weights and stored the commitment in the private model.
        let descriptor = committed.descriptor
        let circuit = descriptor.circuit
        do { try circuit.checkProvable() } catch {
            throw CLIError.input("will not commit \(displayPath(model)): \(terminalSafe(error.description)); "
                                 + "a descriptor of a model that cannot be proven would be useless to register")
        }
        let elapsed = Date().timeIntervalSince(started)
        let bytes = descriptor.encoded()
        try CLIFiles.write(bytes, to: output, what: "the model descriptor", notOverwriting: [model])
        if json {
            struct Result: Encodable {
                var model_id: String; var circuit_digest: String; var weights_commitment: String; var weights_variables: Int
                var tensors: Int; var output: String; var bytes: Int; var commit_s: Double
            }
            try JSONOutput.print(Result(
                model_id: descriptor.modelID.hex, circuit_digest: circuit.digest.hex,
                weights_commitment: descriptor.weightsCommitment.digest.hex,
                weights_variables: descriptor.weightsCommitment.variableCount, tensors: circuit.layout.segments.count,
                output: output, bytes: bytes.count, commit_s: (elapsed * 1000).rounded() / 1000))
            return
        }
        let report = Report(outputIsStandardOutput: output == "-")
        report.line("model ID           \(descriptor.modelID.hex)")
        report.line("circuit digest     \(circuit.digest.hex)")
        report.line("weights commitment \(descriptor.weightsCommitment.digest.hex) "
                    + "(2^\(descriptor.weightsCommitment.variableCount) evaluations, \(circuit.layout.segments.count) tensors)")
        report.line("wrote \(output == "-" ? "the descriptor to standard output" : displayPath(output)) (\(bytes.count) bytes) "
                    + "in \(String(format: "%.3f", elapsed)) s")
    }
}
