import ArgumentParser
import Foundation
import ZKML

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a float ONNX model, quantize it to int8 with calibration data, and write a .zkm model.")

    @Argument(help: "The ONNX model (opsets 11–19).") var model: String
    @Option(help: "Calibration samples: {\"input_data\": [[…], …]}.") var calibration: String
    @Option(help: "Where to write the quantized model.") var output: String
    @Option(help: "Optional held-out set ({\"input_data\", \"labels\"}) for the accuracy report.") var test: String?

    func run() throws {
        let started = Date()
        let graph = try ONNXImporter.importModel(contentsOf: URL(fileURLWithPath: model))
        let samples = try InputData.load(contentsOf: URL(fileURLWithPath: calibration))
        try samples.checkSampleSize(graph.inputShape.reduce(1, *), source: calibration)
        let quantized = try Quantizer(graph: graph).quantize(calibration: samples.inputData)
        try Data(quantized.encoded()).write(to: URL(fileURLWithPath: output))
        let elapsed = Date().timeIntervalSince(started)

        let summary = ModelSummary(quantized)
        print("imported \(model): \(graph.nodes.count) nodes → \(quantized.layers.count) quantized layers, "
              + "\(summary.parameters) parameters, \(summary.macs) MACs")
        if graph.droppedTrailingSoftmax {
            print("note: the trailing Softmax was dropped; the logits are the model's (and the proof's) output")
        }
        report("calibration set", AccuracyReport(graph: graph, model: quantized, samples: samples.inputData, labels: samples.labels))
        if let test {
            let set = try InputData.load(contentsOf: URL(fileURLWithPath: test))
            try set.checkSampleSize(graph.inputShape.reduce(1, *), source: test)
            report("test set", AccuracyReport(graph: graph, model: quantized, samples: set.inputData, labels: set.labels))
        }
        print("wrote \(output) in \(String(format: "%.2f", elapsed)) s")
    }

    func report(_ label: String, _ accuracy: AccuracyReport) {
        var line = "\(label) (\(accuracy.sampleCount) samples): top-1 agreement with the float model "
            + String(format: "%.2f%%", 100 * accuracy.topOneAgreement)
            + ", max |float − dequantized| " + String(format: "%.4f", accuracy.maximumAbsoluteError)
        if let float = accuracy.floatAccuracy, let quantized = accuracy.quantizedAccuracy {
            line += String(format: "; label accuracy float %.2f%%, int8 %.2f%%", 100 * float, 100 * quantized)
        }
        print(line)
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a quantized model's layers, shapes, sizes and scales.")

    @Argument(help: "A .zkm model.") var model: String
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print the proof's soundness error per component and in total instead.") var soundness = false

    func run() throws {
        let quantized = try loadModel(model)
        if soundness {
            let budget = SoundnessBudget(plan: try CircuitPlan(circuit: Circuit(compiling: quantized), batchSize: 1))
            for item in budget.items { print(String(format: "%7.1f bits  %@", item.bits, item.component)) }
            print(String(format: "%7.1f bits  total (union bound over %d components)", budget.totalBits, budget.items.count))
            return
        }
        let summary = ModelSummary(quantized)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            return
        }
        print("input \(summary.inputShape) scale \(summary.inputScale)  →  output \(summary.outputShape) scale \(summary.outputScale)"
              + (summary.logitsOutput ? " (logits; trailing Softmax dropped)" : ""))
        print("parameters \(summary.parameters), MACs \(summary.macs)")
        print(["#", "name", "kind", "input", "output", "params", "MACs", "scale", "shift"].joined(separator: "\t"))
        for layer in summary.layers {
            print(["\(layer.index)", layer.name, layer.kind, layer.inputShapes.map { "\($0)" }.joined(separator: "+"),
                   "\(layer.outputShape)", "\(layer.parameters)", "\(layer.macs)", String(format: "%.6g", layer.outputScale),
                   layer.shift.map { "\($0)" } ?? "-"].joined(separator: "\t"))
        }
    }
}

struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run exact integer inference on one or more samples.")

    @Argument(help: "A .zkm model.") var model: String
    @Option(help: "Samples: {\"input_data\": [[…], …]}.") var input: String
    @Flag(help: "Print {\"outputs\": [[…]], \"predicted\": […]}.") var json = false
    @Flag(help: "With --json: the raw int8 outputs instead of dequantized values (golden vectors).") var quantized = false

    func run() throws {
        let model = try loadModel(self.model)
        let samples = try InputData.load(contentsOf: URL(fileURLWithPath: input))
        try samples.checkSampleSize(model.inputShape.reduce(1, *), source: input)
        let integerOutputs = samples.inputData.map { model.infer(model.quantizeInput($0)).output }
        let outputs = integerOutputs.map { model.dequantizeOutput($0) }
        let predicted = outputs.map { argmax($0) }
        if json && quantized {
            struct Result: Encodable { var outputs: [[Int8]]; var predicted: [Int] }
            print(String(decoding: try sortedEncoder().encode(Result(outputs: integerOutputs.map(\.scalars), predicted: predicted)), as: UTF8.self))
            return
        }
        if json {
            struct Result: Encodable { var outputs: [[Float]]; var predicted: [Int] }
            print(String(decoding: try sortedEncoder().encode(Result(outputs: outputs, predicted: predicted)), as: UTF8.self))
            return
        }
        if model.droppedTrailingSoftmax { print("(outputs are logits: the model's trailing Softmax is not applied)") }
        for (index, output) in outputs.enumerated() {
            print("sample \(index): class \(predicted[index])  outputs \(output.map { String(format: "%.4f", $0) }.joined(separator: " "))")
        }
    }
}

func loadModel(_ path: String) throws -> QuantizedModel {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
    return try QuantizedModel(decoding: Array(data))
}

/// JSON with a stable key order, so outputs can be diffed and committed.
func sortedEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}

/// A failure to report as is (ArgumentParser's ValidationError would add the usage text).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
