import Foundation
import Testing
import ZKML
import ZKTestSupport

/// Hand-built ONNX models aimed at the importer's and quantizer's edge cases: hostile but
/// well-formed protobuf that the committed fixtures do not cover. Each must give a typed error
/// (every file is untrusted input), never a trap.
@Suite("Crafted ONNX models")
struct CraftedModelTests {
    // MARK: A minimal protobuf / ONNX writer

    struct ProtobufWriter {
        var bytes: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func key(_ field: Int, _ wireType: UInt64) { varint(UInt64(field) << 3 | wireType) }
        mutating func int(_ field: Int, _ value: Int64) { key(field, 0); varint(UInt64(bitPattern: value)) }
        mutating func float(_ field: Int, _ value: Float) {
            key(field, 5)
            bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
        }
        mutating func lengthDelimited(_ field: Int, _ value: [UInt8]) {
            key(field, 2)
            varint(UInt64(value.count))
            bytes += value
        }
        mutating func string(_ field: Int, _ value: String) { lengthDelimited(field, Array(value.utf8)) }
        mutating func message(_ field: Int, _ build: (inout ProtobufWriter) -> Void) {
            var inner = ProtobufWriter()
            build(&inner)
            lengthDelimited(field, inner.bytes)
        }
    }

    /// An ONNX model (field numbers from Sources/ZKML/ONNX/onnx.proto) with one float input.
    struct ONNXModel {
        struct Node {
            var name: String
            var opType: String
            var inputs: [String]
            var outputs: [String] = ["output"]
            var ints: [String: Int64] = [:]
            var intLists: [String: [Int64]] = [:]
            var floats: [String: Float] = [:]
        }

        struct Initializer {
            var name: String
            var dims: [Int64]
            var floats: [Float] = []
            var int64s: [Int64] = []
        }

        var opset: Int64 = 13
        var inputShape: [Int64] = [1, 4]
        var nodes: [Node]
        var initializers: [Initializer] = []

        func serialized() -> [UInt8] {
            var model = ProtobufWriter()
            model.int(1, 8)  // ir_version
            model.message(8) { $0.string(1, ""); $0.int(2, opset) }
            model.message(7) { graph in
                for node in nodes {
                    graph.message(1) { proto in
                        node.inputs.forEach { proto.string(1, $0) }
                        node.outputs.forEach { proto.string(2, $0) }
                        proto.string(3, node.name)
                        proto.string(4, node.opType)
                        for (name, value) in node.ints.sorted(by: { $0.key < $1.key }) {
                            proto.message(5) { $0.string(1, name); $0.int(3, value); $0.int(20, 2) }
                        }
                        for (name, values) in node.intLists.sorted(by: { $0.key < $1.key }) {
                            proto.message(5) { attribute in
                                attribute.string(1, name)
                                values.forEach { attribute.int(8, $0) }
                                attribute.int(20, 7)
                            }
                        }
                        for (name, value) in node.floats.sorted(by: { $0.key < $1.key }) {
                            proto.message(5) { $0.string(1, name); $0.float(2, value); $0.int(20, 1) }
                        }
                    }
                }
                graph.string(2, "crafted")
                for initializer in initializers {
                    graph.message(5) { tensor in
                        initializer.dims.forEach { tensor.int(1, $0) }
                        if initializer.int64s.isEmpty {
                            tensor.int(2, 1)  // FLOAT
                            tensor.lengthDelimited(4, initializer.floats.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) })
                        } else {
                            tensor.int(2, 7)  // INT64
                            var packed = ProtobufWriter()
                            initializer.int64s.forEach { packed.varint(UInt64(bitPattern: $0)) }
                            tensor.lengthDelimited(7, packed.bytes)
                        }
                        tensor.string(8, initializer.name)
                    }
                }
                graph.message(11) { input in
                    input.string(1, "input")
                    input.message(2) { type in
                        type.message(1) { tensorType in
                            tensorType.int(1, 1)
                            tensorType.message(2) { shape in
                                for dimension in inputShape { shape.message(1) { $0.int(1, dimension) } }
                            }
                        }
                    }
                }
                graph.message(12) { output in
                    output.string(1, "output")
                    output.message(2) { $0.message(1) { $0.int(1, 1) } }
                }
            }
            return model.bytes
        }

        func imported() throws(ModelImportError) -> FloatGraph { try ONNXImporter.importModel(bytes: Data(serialized())) }
    }

    func importError(_ model: ONNXModel, _ comment: Comment? = nil) -> ModelImportError? {
        #expect(throws: ModelImportError.self, comment) { try model.imported() }
    }

    // MARK: The writer itself

    @Test("the writer produces models the importer reads: Gemm, with its weight behind an Identity")
    func writerRoundTrip() throws {
        let model = ONNXModel(
            inputShape: [1, 3],
            nodes: [.init(name: "tie", opType: "Identity", inputs: ["W"], outputs: ["W_tied"]),
                    .init(name: "fc", opType: "Gemm", inputs: ["input", "W_tied", "B"], ints: ["transB": 1], floats: ["alpha": 2])],
            initializers: [.init(name: "W", dims: [2, 3], floats: [1, 2, 3, -1, 0, 0.5]), .init(name: "B", dims: [2], floats: [0.25, -1])])
        let graph = try model.imported()
        #expect(graph.inputShape == [1, 3])
        #expect(graph.outputShape == [1, 2])
        #expect(graph.nodes.map(\.name) == ["fc"])
        // 2·(1 + 4 + 9) + 0.25 and 2·(−1 + 0 + 1.5) − 1.
        #expect(graph.evaluate([1, 2, 3]).scalars == [28.25, 0])
    }

    // MARK: Importer

    @Test("every supported operator with no inputs → ModelImportError", arguments: ONNXImporter.supportedOperators)
    func operatorWithoutInputs(_ opType: String) {
        let model = ONNXModel(nodes: [.init(name: "n", opType: opType, inputs: [])])
        let error = importError(model, "\(opType) without inputs")
        #expect(error.map { String(describing: $0).contains("'n'") || String(describing: $0).contains("output") } == true,
                "\(String(describing: error))")
    }

    @Test("every supported operator on the bare input, no attributes: imported and runnable, or ModelImportError",
          arguments: ONNXImporter.supportedOperators)
    func operatorOnBareInput(_ opType: String) {
        for shape: [Int64] in [[1, 4], [1, 2, 3, 3], [3], []] {
            let model = ONNXModel(inputShape: shape, nodes: [.init(name: "n", opType: opType, inputs: ["input"])])
            guard let graph = try? model.imported() else { continue }
            let ones = [Float](repeating: 1, count: graph.inputShape.reduce(1, *))
            #expect(graph.evaluate(ones).shape == graph.outputShape, "\(opType) on \(shape)")
            guard let quantized = try? Quantizer(graph: graph).quantize(calibration: [ones]) else { continue }
            #expect(throws: Never.self, "\(opType) on \(shape)") { try quantized.validate() }
            #expect(quantized.infer(quantized.quantizeInput(ones)).output.shape == quantized.outputShape)
        }
    }

    @Test("a Reshape target whose product overflows → dimensionsTooLarge")
    func reshapeTargetOverflow() {
        for target: [Int64] in [[1 << 40, 1 << 40, -1], [1 << 31, 1 << 31], [1 << 62, 4], [Int64.max, Int64.max, 1]] {
            let model = ONNXModel(nodes: [.init(name: "reshape", opType: "Reshape", inputs: ["input", "shape"])],
                                  initializers: [.init(name: "shape", dims: [Int64(target.count)], int64s: target)])
            let error = importError(model, "target \(target)")
            #expect(caseName(of: error) == "dimensionsTooLarge" || caseName(of: error) == "shapeMismatch",
                    "target \(target): \(String(describing: error))")
        }
    }

    @Test("an operator applied to an initializer instead of an activation → missingTensor")
    func operatorOnInitializer() {
        for opType in ["Relu", "Sigmoid", "Flatten", "GlobalAveragePool"] {
            let model = ONNXModel(nodes: [.init(name: "n", opType: opType, inputs: ["W"])],
                                  initializers: [.init(name: "W", dims: [1, 2, 2, 1], floats: [1, -2, 3, -4])])
            #expect(importError(model, "\(opType)") == .missingTensor(node: "n", tensor: "W"))
        }
    }

    @Test("a node producing an empty tensor (a dimension of 0) → shapeMismatch")
    func emptyTensor() {
        // Conv with zero output channels, then GlobalAveragePool: per-channel averages over 0 channels.
        let model = ONNXModel(
            inputShape: [1, 1, 4, 4],
            nodes: [.init(name: "conv", opType: "Conv", inputs: ["input", "W"], outputs: ["c"]),
                    .init(name: "gap", opType: "GlobalAveragePool", inputs: ["c"])],
            initializers: [.init(name: "W", dims: [0, 1, 3, 3])])
        let error = importError(model)
        guard case let .shapeMismatch(node, _, reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(node == "conv" && reason.contains("[1, 0, 2, 2]"), "\(reason)")
    }

    @Test("BatchNormalization whose scale γ/√(var + ε) is not finite → unsupportedAttribute")
    func batchNormalizationWithNonFiniteScale() {
        for (variance, epsilon) in [(Float(0), Float(0)), (0.5, -1), (0, -1e-5)] {
            let model = ONNXModel(
                inputShape: [1, 1, 2, 2],
                nodes: [.init(name: "bn", opType: "BatchNormalization", inputs: ["input", "g", "b", "m", "v"], floats: ["epsilon": epsilon])],
                initializers: [.init(name: "g", dims: [1], floats: [1]), .init(name: "b", dims: [1], floats: [0]),
                               .init(name: "m", dims: [1], floats: [0]), .init(name: "v", dims: [1], floats: [variance])])
            let error = importError(model, "var \(variance), epsilon \(epsilon)")
            guard case let .unsupportedAttribute(node, _, attribute, _, _)? = error else {
                Issue.record("var \(variance), epsilon \(epsilon): got \(String(describing: error))")
                continue
            }
            #expect(node == "bn" && attribute == "epsilon")
        }
    }

    @Test("a pooling window beyond 64×64 → unsupportedAttribute kernel_shape (a 2^38-element window is a memory bomb)")
    func poolKernelTooLarge() {
        for (opType, kernel) in [("AveragePool", Int64(1) << 19), ("MaxPool", 65)] {
            let model = ONNXModel(
                inputShape: [1, 1, 1, 1],
                nodes: [.init(name: "pool", opType: opType, inputs: ["input"],
                              intLists: ["kernel_shape": [kernel, kernel], "pads": [kernel - 1, kernel - 1, 0, 0]])])
            let error = importError(model, "\(opType) kernel \(kernel)")
            guard case let .unsupportedAttribute(node, _, attribute, _, _)? = error else {
                Issue.record("\(opType) kernel \(kernel): got \(String(describing: error))")
                continue
            }
            #expect(node == "pool" && attribute == "kernel_shape")
        }
    }

    // MARK: Quantizer

    /// One Gemm [1, 2] → [1, 1] with the given weights, optionally followed by another node.
    static func gemm(_ weights: [Float], bias: Float = 0, alpha: Float = 1, then next: ONNXModel.Node? = nil,
                     extra: [ONNXModel.Initializer] = []) -> ONNXModel {
        var nodes = [ONNXModel.Node(name: "fc", opType: "Gemm", inputs: ["input", "W", "B"], outputs: [next == nil ? "output" : "fc_out"],
                                    ints: ["transB": 1], floats: ["alpha": alpha])]
        if let next { nodes.append(next) }
        return ONNXModel(inputShape: [1, 2], nodes: nodes,
                         initializers: [.init(name: "W", dims: [1, 2], floats: weights), .init(name: "B", dims: [1], floats: [bias])] + extra)
    }

    func quantizationError(_ model: ONNXModel, calibration: [[Float]], _ comment: Comment? = nil) throws -> ModelImportError? {
        let graph = try model.imported()
        return #expect(throws: ModelImportError.self, comment) { try Quantizer(graph: graph).quantize(calibration: calibration) }
    }

    @Test("activations that overflow float32 on the calibration set → calibration error")
    func nonFiniteActivations() throws {
        // 3e38·(10 + 9) = inf, then a Sigmoid table over an infinite scale.
        let model = Self.gemm([3e38, 3e38], then: .init(name: "act", opType: "Sigmoid", inputs: ["fc_out"]))
        let error = try quantizationError(model, calibration: [[10, 9]])
        guard case let .calibration(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("'fc_out'") && reason.contains("overflows float32"), "\(reason)")
    }

    @Test("a rescale multiplier beyond what the model file accepts → calibration error")
    func multiplierOutOfRange() throws {
        // The outputs cancel to exactly 0 on the calibration set, so s_out = 1/127 while
        // s_in·s_w is about 1e28: no int64 multiplier below 2^20 represents s_in·s_w/s_out.
        let error = try quantizationError(Self.gemm([1e30, 1e30]), calibration: [[1, -1]])
        guard case let .calibration(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("'fc'") && reason.contains("multiplier"), "\(reason)")
    }

    @Test("non-finite weights (Gemm alpha = inf) → ModelImportError")
    func nonFiniteWeights() throws {
        let error = try quantizationError(Self.gemm([1, 2], alpha: .infinity), calibration: [[1, 1]])
        #expect(error != nil)
    }

    @Test("a graph the .zkm format cannot hold (a rank-0 input) → invalidGraph at quantization, not an unloadable file")
    func unstorableModel() throws {
        let model = ONNXModel(inputShape: [], nodes: [.init(name: "act", opType: "Tanh", inputs: ["input"])])
        let graph = try model.imported()
        #expect(graph.inputShape == [])
        let error = #expect(throws: ModelImportError.self) { try Quantizer(graph: graph).quantize(calibration: [[0.5], [0.25]]) }
        guard case let .invalidGraph(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("cannot be stored") && reason.contains("input shape []"), "\(reason)")
    }

    @Test("a fused Clip with bounds far beyond the output range still gives a valid model")
    func hugeClipBounds() throws {
        let model = Self.gemm([1e-3, 2e-3], then: .init(name: "clip", opType: "Clip", inputs: ["fc_out", "lo", "hi"]),
                              extra: [.init(name: "lo", dims: [], floats: [-1e30]), .init(name: "hi", dims: [], floats: [1e30])])
        let graph = try model.imported()
        let quantized = try Quantizer(graph: graph).quantize(calibration: [[1, 1], [-1, 0.5]])
        try quantized.validate()
        guard case let .dense(_, _, rescale)? = quantized.layers.first?.operation else { Issue.record("no Dense layer"); return }
        #expect((rescale.lower, rescale.upper) == (-128, 127))
        #expect(try QuantizedModel(decoding: quantized.encoded()) == quantized)
    }
}
