import ArgumentParser
import Foundation
import ZKML

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a float ONNX model, quantize it to int8 with calibration data, and write a .zkm model (mode 0600).")

    @Argument(help: "The ONNX model (opsets 11–28; - for standard input).") var model: String
    @Option(help: "Calibration samples: {\"input_data\": [[…], …]}.") var calibration: String
    @Option(help: "Where to write the quantized model (mode 0600, never over an input).") var output: String
    @Option(help: "Optional held-out set ({\"input_data\", \"labels\"}) for the accuracy report.") var test: String?

    func run() throws {
        try CLIFiles.checkSingleStandardInput([model, calibration, test])
        if output == "-" { throw CLIError.usage("the private model cannot be written to standard output; give a file name") }
        try CLIFiles.checkNotAnInput(output, inputs: [model, calibration, test])
        let started = Date()
        let onnx = try CLIFiles.read(model, what: "an ONNX model")
        if let kind = FileKind.detect(onnx), kind != .onnx {
            throw CLIError.input("\(displayPath(model)) is \(kind.name), expected an ONNX model (.onnx)")
        }
        let graph: FloatGraph
        // External tensor data (a `.onnx.data` file) is looked up beside the model.
        let folder = model == "-" ? nil : URL(fileURLWithPath: model).deletingLastPathComponent()
        do { graph = try ONNXImporter.importModel(bytes: Data(onnx), folder: folder) } catch {
            throw CLIError.input("cannot import \(displayPath(model)): \(terminalSafe(error.description))")
        }
        let samples = try InputSamples.conform(InputSamples.load(calibration), graph.inputShape.reduce(1, *), source: calibration)
        let quantized: QuantizedModel
        let warnings: [CalibrationWarning]
        do { (quantized, warnings) = try Quantizer(graph: graph).quantizeReporting(calibration: samples.inputData) } catch {
            throw CLIError.input("cannot quantize \(displayPath(model)) with \(displayPath(calibration)): \(terminalSafe(String(describing: error)))")
        }
        // Refused here rather than at `prove`: nothing unprovable is committed or registered.
        do { try Circuit(compiling: quantized).checkProvable() } catch {
            throw CLIError.input("cannot import \(displayPath(model)): \(terminalSafe(error.description)); "
                                 + "this model cannot be proven by this version of zkinfer")
        }
        var testSet: InputData?
        if let test {
            testSet = try InputSamples.conform(InputSamples.load(test), graph.inputShape.reduce(1, *), source: test)
        }
        let committed = CommittedModel(committing: quantized, blindingSeed: .fresh())
        try CLIFiles.write(committed.encoded(), to: output, what: "the private model", private: true,
                           notOverwriting: [model, calibration, test])
        let elapsed = Date().timeIntervalSince(started)

        let summary = ModelSummary(quantized)
        print("imported \(displayPath(model)): \(graph.nodes.count) nodes → \(quantized.layers.count) quantized layers, "
              + "\(summary.parameters) parameters, \(summary.macs) MACs")
        if graph.droppedTrailingSoftmax {
            print("note: the trailing Softmax was dropped; the logits are the model's (and the proof's) output")
        }
        for note in graph.notes { print("note: \(terminalSafe(note))") }
        for warning in warnings { warn("\(displayPath(calibration)): \(terminalSafe(warning.description))") }
        report("calibration set", AccuracyReport(graph: graph, model: quantized, samples: samples.inputData, labels: samples.labels))
        if let testSet {
            report("test set", AccuracyReport(graph: graph, model: quantized, samples: testSet.inputData, labels: testSet.labels))
        }
        print("wrote \(displayPath(output)) in \(String(format: "%.2f", elapsed)) s")
    }

    /// Below this top-1 agreement between the float and int8 models, `import` warns.
    static let agreementWarningThreshold = 0.95

    func warn(_ message: String) { FileHandle.standardError.write(Data("warning: \(message)\n".utf8)) }

    func report(_ label: String, _ accuracy: AccuracyReport) {
        var line = "\(label) (\(accuracy.sampleCount) samples): top-1 agreement with the float model "
            + String(format: "%.2f%%", 100 * accuracy.topOneAgreement)
            + ", max |float − dequantized| " + String(format: "%.4f", accuracy.maximumAbsoluteError)
        if let float = accuracy.floatAccuracy, let quantized = accuracy.quantizedAccuracy {
            line += String(format: "; label accuracy float %.2f%%, int8 %.2f%%", 100 * float, 100 * quantized)
        }
        print(line)
        if accuracy.topOneAgreement < Self.agreementWarningThreshold {
            warn("\(label): top-1 agreement with the float model is " + String(format: "%.2f%%", 100 * accuracy.topOneAgreement)
                 + String(format: ", below %.0f%%", 100 * Self.agreementWarningThreshold)
                 + "; calibrate with more representative inputs, or expect the int8 model's predictions to differ")
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a model's layers, shapes, sizes and scales, from a private model (.zkm) or its public descriptor (.zkpub).",
        discussion: "A descriptor holds the architecture without the weights: the same summary and soundness budget, plus the model ID.")

    @Argument(help: "A .zkm model or a .zkpub descriptor (- for standard input).") var model: String
    @Flag(help: """
        Print JSON: the summary {"input_shape", "input_scale", "output_shape", "output_scale", "parameters", "macs", \
        "logits_output", "layers", "model_id" (descriptor only)}, or with --soundness {"total_bits", "components": \
        [{"component", "bits"}]}.
        """) var json = false
    @Flag(help: "Print the proof's soundness error per component and in total instead.") var soundness = false

    func run() throws {
        let bytes = try CLIFiles.read(model, what: "a model (.zkm) or descriptor (.zkpub)")
        let circuit: Circuit
        var modelID: String?
        switch FileKind.detect(bytes) {
        case .model?:
            let descriptor = try Loaders.model(bytes: bytes, path: model).descriptor
            circuit = descriptor.circuit
            modelID = descriptor.modelID.hex
        case .descriptor?:
            let descriptor = try Loaders.descriptor(bytes: bytes, path: model)
            circuit = descriptor.circuit
            modelID = descriptor.modelID.hex
        case let kind?:
            throw CLIError.input("\(displayPath(model)) is \(kind.name), expected a private model (.zkm) or a model descriptor (.zkpub)")
        case nil:
            throw CLIError.input("\(displayPath(model)) is not a zkinfer model (.zkm) or descriptor (.zkpub)")
        }
        if soundness {
            let budget: SoundnessBudget
            do { budget = SoundnessBudget(plan: try CircuitPlan(circuit: circuit, batchSize: 1)) } catch {
                throw CLIError.input("\(displayPath(model)) cannot be proven: \(terminalSafe(String(describing: error)))")
            }
            if json {
                struct Component: Encodable { var component: String; var bits: Double }
                struct Result: Encodable { var total_bits: Double; var components: [Component]; @Nullable var model_id: String? }
                try JSONOutput.print(Result(total_bits: budget.totalBits,
                                            components: budget.items.map { Component(component: $0.component, bits: $0.bits) },
                                            model_id: modelID))
                return
            }
            for item in budget.items { print(String(format: "%7.1f bits  %@", item.bits, item.component)) }
            print(String(format: "%7.1f bits  total (union bound over %d components)", budget.totalBits, budget.items.count))
            return
        }
        let summary = ModelSummary(circuit.skeleton)
        if json {
            try JSONOutput.print(SummaryJSON(summary, modelID: modelID))
            return
        }
        if let modelID { print("model ID \(modelID) (public descriptor: no weights)") }
        print("input \(summary.inputShape) scale \(summary.inputScale)  →  output \(summary.outputShape) scale \(summary.outputScale)"
              + (summary.logitsOutput ? " (logits; trailing Softmax dropped)" : ""))
        print("parameters \(summary.parameters), MACs \(summary.macs)")
        print(["#", "name", "kind", "input", "output", "params", "MACs", "scale", "shift"].joined(separator: "\t"))
        for layer in summary.layers {
            print(["\(layer.index)", terminalSafe(layer.name), layer.kind, layer.inputShapes.map { "\($0)" }.joined(separator: "+"),
                   "\(layer.outputShape)", "\(layer.parameters)", "\(layer.macs)", String(format: "%.6g", layer.outputScale),
                   layer.shift.map { "\($0)" } ?? "-"].joined(separator: "\t"))
        }
    }

    /// The model summary with snake_case keys.
    struct SummaryJSON: Encodable {
        struct Layer: Encodable {
            var index: Int; var name: String; var kind: String; var input_shapes: [[Int]]; var output_shape: [Int]
            var parameters: Int; var macs: Int; var output_scale: Double; @Nullable var shift: Int?
        }
        var input_shape: [Int]; var input_scale: Double; var output_shape: [Int]; var output_scale: Double
        var parameters: Int; var macs: Int; var logits_output: Bool; var layers: [Layer]; @Nullable var model_id: String?

        init(_ summary: ModelSummary, modelID: String?) {
            input_shape = summary.inputShape; input_scale = summary.inputScale
            output_shape = summary.outputShape; output_scale = summary.outputScale
            parameters = summary.parameters; macs = summary.macs; logits_output = summary.logitsOutput
            layers = summary.layers.map {
                Layer(index: $0.index, name: $0.name, kind: $0.kind, input_shapes: $0.inputShapes, output_shape: $0.outputShape,
                      parameters: $0.parameters, macs: $0.macs, output_scale: $0.outputScale, shift: $0.shift)
            }
            model_id = modelID
        }
    }
}

struct Infer: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run exact integer inference on one or more samples.")

    @Argument(help: "A .zkm model.") var model: String
    @Option(help: "Samples: {\"input_data\": [[…], …]} (- for standard input).") var input: String
    @Flag(help: "Print {\"outputs\": [[…]], \"predicted\": […]}.") var json = false
    @Flag(help: "With --json: the raw int8 outputs instead of dequantized values (golden vectors).") var quantized = false

    func validate() throws {
        if quantized && !json { throw ValidationError("--quantized only changes the --json output; add --json") }
    }

    func run() throws {
        try CLIFiles.checkSingleStandardInput([model, input])
        let model = try Loaders.model(self.model).model
        let samples = try InputSamples.conform(InputSamples.load(input), model.inputShape.reduce(1, *), source: input)
        let inputs = samples.inputData.map { model.quantizeInput($0) }
        // The prover's own checks: an output no proof could back is not reported.
        if let (index, error) = model.firstUnprovableInput(inputs) {
            throw CLIError.input("\(displayPath(input)): sample \(index) cannot be proven: \(terminalSafe(error.description))")
        }
        let integerOutputs = inputs.map { model.infer($0).output }
        let outputs = integerOutputs.map { model.dequantizeOutput($0) }
        let predicted = outputs.map { argmax($0) }
        if json && quantized {
            struct Result: Encodable { var outputs: [[Int8]]; var predicted: [Int] }
            try JSONOutput.print(Result(outputs: integerOutputs.map(\.scalars), predicted: predicted))
            return
        }
        if json {
            struct Result: Encodable { var outputs: [[Float]]; var predicted: [Int] }
            try JSONOutput.print(Result(outputs: outputs, predicted: predicted))
            return
        }
        if model.droppedTrailingSoftmax { print("(outputs are logits: the model's trailing Softmax is not applied)") }
        for (index, output) in outputs.enumerated() {
            print("sample \(index): class \(predicted[index])  outputs \(output.map { String(format: "%.4f", $0) }.joined(separator: " "))")
        }
    }
}

func loadModel(_ path: String) throws -> QuantizedModel {
    try Loaders.model(path).model
}

/// JSON with a stable key order, so outputs can be diffed and committed.
func sortedEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
}
