import ArgumentParser
import Foundation
import ZKML

struct Commit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Commit to a quantized model's weights and write its public descriptor (.zkpub).",
        discussion: """
            The descriptor holds the circuit (the model without its weights), the weights commitment \
            and the model ID = SHA-256("zkinfer.model.v1" ‖ circuit digest ‖ weights commitment); \
            it is what verifiers need and what the chain registers.
            """)

    @Argument(help: "A .zkm model.") var model: String
    @Option(help: "Where to write the descriptor.") var output: String

    func run() throws {
        let quantized = try loadModel(model)
        let started = Date()
        let circuit = Circuit(compiling: quantized)
        let (descriptor, _) = ModelCommitment.commit(quantized, circuit: circuit)
        let elapsed = Date().timeIntervalSince(started)
        let bytes = descriptor.encoded()
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        print("model ID           \(descriptor.modelID.hex)")
        print("circuit digest     \(circuit.digest.hex)")
        print("weights commitment \(descriptor.weightsCommitment.root.hex) "
              + "(2^\(descriptor.weightsCommitment.variableCount) evaluations, \(circuit.layout.segments.count) tensors)")
        print("wrote \(output) (\(bytes.count) bytes) in \(String(format: "%.3f", elapsed)) s")
    }
}
