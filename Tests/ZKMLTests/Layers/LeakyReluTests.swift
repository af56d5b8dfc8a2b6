import Foundation
import Testing
import ZKML
import ZKTestSupport

/// LeakyRelu, the layer kind added as one folder (`Sources/ZKML/Layers/LeakyRelu`): its
/// attribute, float reference, int8 table, and a PyTorch export proven end to end. The
/// one-operator fixtures (`leaky_relu`, `leaky_relu_default`) also run through the generic
/// fixture suites: float reference against onnxruntime, int8 inference, prove and verify.
@Suite("LeakyRelu") struct LeakyReluTests {
    typealias ONNXModel = CraftedModelTests.ONNXModel

    static func leakyRelu(_ floats: [String: Float] = [:], shape: [Int64] = [1, 8]) -> ONNXModel {
        ONNXModel(inputShape: shape, nodes: [.init(name: "leaky", opType: "LeakyRelu", inputs: ["input"], floats: floats)])
    }

    @Test("alpha is read, defaults to 0.01, and the float reference is x or alpha·x")
    func floatReference() throws {
        let input: [Float] = [-4, -1, -0.5, 0, 0.25, 1, 3, -100]
        let given = try Self.leakyRelu(["alpha": 0.2]).imported()
        #expect(given.nodes.map(\.operation.name) == ["LeakyRelu"])
        #expect(given.evaluate(input).scalars == input.map { $0 >= 0 ? $0 : Float(Double(Float(0.2)) * Double($0)) })
        let defaulted = try Self.leakyRelu().imported()
        #expect(defaulted.evaluate(input).scalars == input.map { $0 >= 0 ? $0 : Float(Double(Float(0.01)) * Double($0)) })
        #expect(given.nodes[0].operation != defaulted.nodes[0].operation, "two slopes are two operations")
    }

    @Test("a non-finite alpha or an unknown attribute is refused at import, naming the node")
    func hostileAttributes() {
        for floats: [String: Float] in [["alpha": .nan], ["alpha": .infinity], ["beta": 1]] {
            let error = #expect(throws: ModelImportError.self) { try Self.leakyRelu(floats).imported() }
            guard case let .unsupportedAttribute(node, opType, attribute, _, _)? = error else {
                Issue.record("\(floats): \(String(describing: error))"); continue
            }
            #expect(node == "leaky" && opType == "LeakyRelu" && attribute == floats.keys.first)
        }
    }

    @Test("the int8 table is alpha·q·s_in (or q·s_in) at the calibrated output scale, rounded half to even")
    func table() throws {
        let graph = try Self.leakyRelu(["alpha": 0.3]).imported()
        let calibration: [[Float]] = [[-8, -3, -1, 0, 0.5, 2, 5, 8], [1, -2, 3, -4, 5, -6, 7, -7.5]]
        let model = try Quantizer(graph: graph).quantize(calibration: calibration)
        #expect(model.layers.map(\.operation.kindName) == ["Lookup(LeakyRelu)"])
        guard case let .lookup(table, function) = model.layers[0].operation else { Issue.record("not a table"); return }
        #expect(function == "LeakyRelu")
        // Input range 8 → s_in = 8/127; output range max(8, 0.3·8) = 8 → s_out = 8/127.
        let inputScale = 8.0 / 127, outputScale = model.outputScale
        #expect(abs(model.inputScale - inputScale) < 1e-12 && abs(outputScale - 8.0 / 127) < 1e-6)
        for q in -128...127 {
            let x = Double(q) * inputScale
            let y = x >= 0 ? x : Double(Float(0.3)) * x
            let expected = Int8(clamping: Int((y / outputScale).rounded(.toNearestOrEven)))
            #expect(table[q + 128] == expected, "q = \(q)")
        }
        // Non-negative inputs pass through unchanged when the two scales agree.
        #expect((0...127).allSatisfy { table[$0 + 128] == Int8($0) })
    }

    /// `Tests/Fixtures/onnx/torch_linear_leakyrelu.json`: the PyTorch export's inputs with
    /// onnxruntime's and PyTorch's outputs.
    struct ExportReference: Decodable {
        var ops: [String]
        var inputs: [[Float]]
        var outputs: [[Float]]
        var torchOutputs: [[Float]]
        enum CodingKeys: String, CodingKey { case ops, inputs, outputs, torchOutputs = "torch_outputs" }
    }

    @Test("a PyTorch export (Linear → LeakyReLU(0.2) → Linear) imports, matches onnxruntime and PyTorch, and is proven")
    func pytorchExportProven() throws {
        let reference: ExportReference = try Repository.json("Tests/Fixtures/onnx/torch_linear_leakyrelu.json")
        #expect(reference.ops == ["Gemm", "LeakyRelu", "Gemm"])
        let graph = try ONNXImporter.importModel(contentsOf: Repository.url("Tests/Fixtures/onnx/torch_linear_leakyrelu.onnx"))
        #expect(graph.nodes.map(\.operation.name) == ["Dense", "LeakyRelu", "Dense"])
        for (index, input) in reference.inputs.enumerated() {
            let output = graph.evaluate(input).scalars
            #expect(maximumAbsoluteDifference(output, reference.outputs[index]) <= 1e-5, "sample \(index) vs onnxruntime")
            #expect(maximumAbsoluteDifference(output, reference.torchOutputs[index]) <= 1e-5, "sample \(index) vs PyTorch")
        }
        let model = try Quantizer(graph: graph).quantize(calibration: reference.inputs)
        #expect(model.layers.map(\.operation.kindName) == ["Dense", "Lookup(LeakyRelu)", "Dense"])
        let inputs = reference.inputs.map(model.quantizeInput)
        let prover = InferenceProver(model: model)
        let proof = try prover.prove(inputs)
        let decoded = try InferenceProof(decoding: proof.encoded())
        let outputs = try InferenceVerifier.verify(decoded, descriptor: prover.descriptor)
        #expect(outputs == inputs.map { model.infer($0).output })
        var forged = decoded
        forged.output[0] = forged.output[0] &+ 1
        #expect(throws: InferenceVerificationError.self) { try InferenceVerifier.verify(forged, descriptor: prover.descriptor) }
    }
}
