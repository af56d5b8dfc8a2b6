import Foundation
import Testing
import ZKML
import ZKTestSupport

/// Every model of `Circuits/` end to end: float reference against onnxruntime, quantization with
/// the committed calibration set, accuracy on the held-out split, and the golden int8 outputs.
@Suite("Model zoo end to end")
struct ZooTests {
    /// Float top-1 accuracy on `test.json` as onnxruntime measured it (Circuits/README.md).
    static let onnxruntimeCorrect: [String: (correct: Int, of: Int)] = [
        "digits_mlp_small": (348, 360), "digits_mlp": (352, 360), "mnist_mlp": (351, 360),
        "digits_cnn": (349, 360), "lenet5": (352, 360), "cifar_cnn": (5, 64),
        "resnet8_cifar": (64, 64), "vgg11_cifar": (63, 64),
    ]

    @Test("the zoo list covers every model folder of Circuits/")
    func coverage() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Repository.url("Circuits").path)
            .filter { FileManager.default.fileExists(atPath: Repository.url("Circuits/\($0)/model.onnx").path) }
        #expect(Set(folders) == Set(ZooModel.all.map(\.name)))
    }

    @Test("float reference equals onnxruntime within 1e-4 on the 20 test inputs", arguments: ZooModel.all)
    func floatReferenceMatchesOnnxruntime(_ zoo: ZooModel) throws {
        let vectors = try zoo.vectors()
        let graph = try zoo.imported().graph
        #expect(vectors.model == zoo.name)
        #expect(graph.inputShape == vectors.inputShape)
        #expect(graph.outputShape == vectors.outputShape)
        #expect(!graph.droppedTrailingSoftmax)
        #expect(vectors.inputs.count == 20 && vectors.outputs.count == 20)
        var worst: Float = 0
        for (index, (input, expected)) in zip(vectors.inputs, vectors.outputs).enumerated() {
            let error = maximumAbsoluteDifference(graph.evaluate(input).scalars, expected)
            #expect(error <= 1e-4, "\(zoo.name) input \(index): max |zkinfer − onnxruntime| = \(error)")
            worst = max(worst, error)
        }
        #expect(worst <= 1e-4, "\(zoo.name): worst error \(worst)")
    }

    @Test("int8 top-1 agreement with the float model on the held-out split", arguments: ZooModel.all)
    func quantizedAgreement(_ zoo: ZooModel) throws {
        let imported = try zoo.imported()
        let testSet = try InputData.load(contentsOf: zoo.testSetURL)
        try testSet.checkSampleSize(imported.model.inputShape.reduce(1, *))
        let report = AccuracyReport(graph: imported.graph, model: imported.model, samples: testSet.inputData, labels: testSet.labels)

        let expected = try #require(Self.onnxruntimeCorrect[zoo.name])
        #expect(report.sampleCount == expected.of)
        // Our float reference reproduces onnxruntime's accuracy on the whole split, sample for sample.
        #expect(report.floatAccuracy == Double(expected.correct) / Double(expected.of), "\(zoo.name)")
        // The trained models must keep ≥ 98 % agreement; cifar_cnn's random weights give near-tied
        // logits, so it only has to run and mostly agree.
        let required = zoo.isTrained ? 0.98 : 0.9
        #expect(report.topOneAgreement >= required,
                "\(zoo.name): agreement \(report.topOneAgreement), max error \(report.maximumAbsoluteError)")
        if zoo.isTrained, let float = report.floatAccuracy, let quantized = report.quantizedAccuracy {
            #expect(quantized >= float - 0.02, "\(zoo.name): int8 accuracy \(quantized), float \(float)")
        }
    }

    @Test("integer outputs on the 20 inputs equal Vectors/zoo/<model>.golden.json exactly", arguments: ZooModel.all)
    func goldenIntegerOutputs(_ zoo: ZooModel) throws {
        let model = try zoo.imported().model
        let vectors = try zoo.vectors()
        let golden = try zoo.golden()
        try #require(golden.outputs.count == vectors.inputs.count && golden.predicted.count == vectors.inputs.count)
        for (index, input) in vectors.inputs.enumerated() {
            let output = model.integerOutput(input)
            #expect(output.shape == vectors.outputShape)
            #expect(output.scalars == golden.outputs[index], "\(zoo.name) input \(index)")
            #expect(argmax(model.dequantizeOutput(output)) == golden.predicted[index], "\(zoo.name) input \(index)")
        }
    }

    /// The primary correctness check of the front end: ONNX file → float graph → int8 model with
    /// the committed calibration set → `.zkm` bytes → decoded model → exact inference, which must
    /// reproduce the golden outputs, the class onnxruntime's float model predicts, and the labels.
    @Test("end to end: digits_cnn from ONNX file to golden int8 outputs through a .zkm round trip")
    func endToEnd() throws {
        let zoo = ZooModel(name: "digits_cnn")
        let graph = try ONNXImporter.importModel(contentsOf: zoo.onnxURL)
        let calibration = try InputData.load(contentsOf: zoo.calibrationURL)
        try calibration.checkSampleSize(graph.inputShape.reduce(1, *))
        let model = try Quantizer(graph: graph).quantize(calibration: calibration.inputData)
        #expect(model.layers.map(\.operation.kindName) == ["Conv", "MaxPool", "Reshape", "Dense"])

        let decoded = try QuantizedModel(decoding: model.encoded())
        #expect(decoded == model)

        let vectors = try zoo.vectors()
        let golden = try zoo.golden()
        var agreeWithFloat = 0, correct = 0, floatCorrect = 0
        for (index, input) in vectors.inputs.enumerated() {
            let output = decoded.integerOutput(input)
            #expect(output.scalars == golden.outputs[index], "input \(index)")
            let predicted = argmax(output.scalars), floatPredicted = argmax(vectors.outputs[index])
            if predicted == floatPredicted { agreeWithFloat += 1 }
            if predicted == vectors.labels[index] { correct += 1 }
            if floatPredicted == vectors.labels[index] { floatCorrect += 1 }
        }
        // onnxruntime's float model gets 18 of these 20 right; int8 may lose at most one.
        #expect(agreeWithFloat >= 19, "\(agreeWithFloat)/20 agree with onnxruntime")
        #expect(correct >= floatCorrect - 1, "\(correct)/20 correct, float \(floatCorrect)/20")
    }
}
