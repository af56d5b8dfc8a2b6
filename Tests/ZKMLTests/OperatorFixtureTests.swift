import Foundation
import Testing
import ZKML
import ZKTestSupport

/// Every supported operator alone: the one-node ONNX fixtures of `Tests/Fixtures/onnx`, imported,
/// run by the float reference against onnxruntime's outputs, then quantized and run exactly.
@Suite("One-operator ONNX fixtures")
struct OperatorFixtureTests {
    /// The float graph each fixture becomes (Identity, Dropout and a trailing Softmax vanish; the
    /// bias Add of `matmul_add` is folded into the Dense node).
    static let expectedFloatOperations: [String: [String]] = {
        var table = [String: [String]]()
        for name in OperatorFixtures.positive {
            switch name {
            // Import folds: Mul of the input into the Gemm, a Pad into the Conv, (x − mean)/std
            // into an unpadded Conv (before a padded one it stays a per-channel affine map), the
            // Transpose into the Gemm's weights; average pooling that counts padding and
            // ReduceMean over H×W are a depthwise convolution and global average pooling.
            case "mul_scalar_gemm": table[name] = ["Dense"]
            case "conv_depthwise", "averagepool3x3_s1_pad1_include", "conv_group_3_per_group": table[name] = ["GroupedConv"]
            case "pad_conv", "normalize_conv", "conv_dilated": table[name] = ["Conv"]
            case "normalize_conv_padded": table[name] = ["BatchNormalization", "Conv"]
            case "concat_channels": table[name] = ["Conv", "Conv", "Concat"]
            case "hard_sigmoid": table[name] = ["HardSigmoid"]
            case "hard_swish": table[name] = ["HardSwish"]
            case "prelu_scalar": table[name] = ["PRelu"]
            // (1 − a_c)·ReLU(x) + a_c·x: a ReLU, two per-channel scalings and an Add.
            case "prelu_per_channel": table[name] = ["Relu", "BatchNormalization", "BatchNormalization", "Add"]
            case "constant_folding": table[name] = ["Dense"]
            case "transpose_nhwc_conv": table[name] = ["Transpose", "Conv"]
            case "log_softmax": table[name] = []
            case "reduce_mean_spatial": table[name] = ["GlobalAveragePool"]
            case "transpose_flatten_gemm": table[name] = ["Reshape", "Dense"]
            case "maxpool3x3_s2_ceil": table[name] = ["MaxPool"]
            case "split_add": table[name] = ["ChannelSlice", "ChannelSlice", "Add"]
            case "slice_channels": table[name] = ["ChannelSlice"]
            case "matmul_rows": table[name] = ["Dense", "Relu", "Dense"]
            case "matmul_rows_broadcast_weight": table[name] = ["Dense"]
            case _ where name.hasPrefix("gemm"), "matmul", "matmul_add": table[name] = ["Dense"]
            case _ where name.hasPrefix("conv"): table[name] = ["Conv"]
            case _ where name.hasPrefix("clip"): table[name] = ["Clip"]
            case _ where name.hasPrefix("maxpool"): table[name] = ["MaxPool"]
            case _ where name.hasPrefix("averagepool"): table[name] = ["AveragePool"]
            case _ where name.hasPrefix("flatten"), _ where name.hasPrefix("reshape"): table[name] = ["Reshape"]
            case "relu": table[name] = ["Relu"]
            case "sigmoid": table[name] = ["Sigmoid"]
            case "tanh": table[name] = ["Tanh"]
            case _ where name.hasPrefix("leaky_relu"): table[name] = ["LeakyRelu"]
            case "global_average_pool": table[name] = ["GlobalAveragePool"]
            case "add_residual": table[name] = ["Add"]
            case "batchnorm": table[name] = ["BatchNormalization"]
            case "identity", "dropout", "softmax", "add_const": table[name] = []
            case "shape_arithmetic", "shape_arithmetic_ops": table[name] = ["Reshape", "Dense"]
            default: break
            }
        }
        return table
    }()

    /// The quantized layer kind each float operation becomes on its own.
    static func expectedLayerKinds(_ name: String) -> [String] {
        // A max-pool whose windows do not tile the input is proven by axis: a gather of each
        // window into a power-of-two tile, then the tiling max.
        if name == "maxpool3x3_stride2_pad1" || name == "maxpool3x3_s2_ceil" { return ["Windows", "MaxPool", "Windows", "MaxPool"] }
        if name == "normalize_conv_padded" { return ["GroupedConv", "Conv"] }
        if name == "prelu_per_channel" { return ["Lookup(Relu)", "GroupedConv", "GroupedConv", "Add"] }
        // A per-channel affine map with no Conv or Gemm before it is a depthwise 1×1 convolution.
        if name == "batchnorm" { return ["GroupedConv"] }
        // The ReLU between the two MatMuls is the first one's clamp.
        if name == "matmul_rows" { return ["Dense", "Dense"] }
        return (expectedFloatOperations[name] ?? []).map { operation in
            switch operation {
            case "Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish", "PRelu": return "Lookup(\(operation))"
            default: return operation
            }
        }
    }

    @Test("the fixture lists cover reference.json and every file of the folder")
    func coverage() throws {
        let reference = try OperatorFixtures.reference.get()
        #expect(Set(reference.keys) == Set(OperatorFixtures.positive))
        #expect(Set(OperatorFixtures.positive).isSubset(of: Self.expectedFloatOperations.keys))
        let files = try FileManager.default.contentsOfDirectory(atPath: Repository.url(OperatorFixtures.directory).path)
            .filter { $0.hasSuffix(".onnx") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(OperatorFixtures.positive + OperatorFixtures.negative + OperatorFixtures.exported
                                + OperatorFixtures.formerlyRejected))
        // Together with the real exporters' models, the fixtures use every operator the importer
        // supports (the exporters' classifier post-processing is removed at import).
        let exported = try ExporterFixtures.reference.get().values.flatMap(\.ops)
        let used = Set(reference.values.flatMap(\.ops) + exported).subtracting(["ArgMax", "ZipMap", "ArrayFeatureExtractor"])
        #expect(used == Set(ONNXImporter.supportedOperators))
    }

    @Test("float reference equals onnxruntime within 1e-4", arguments: OperatorFixtures.importable)
    func floatReferenceMatchesOnnxruntime(_ name: String) throws {
        let reference = try OperatorFixtures.reference(name)
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url(name))
        #expect(graph.inputShape == reference.inputShape)
        #expect(graph.outputShape == reference.outputShape)
        #expect(graph.nodes.map(\.operation.name) == Self.expectedFloatOperations[name])
        #expect(graph.droppedTrailingSoftmax == (name == "softmax" || name == "log_softmax"))
        #expect(reference.inputs.count == 3 && reference.outputs.count == 3)

        for (index, (input, expected)) in zip(reference.inputs, reference.outputs).enumerated() {
            let output = graph.evaluate(input)
            #expect(output.shape == reference.outputShape, "\(name) sample \(index)")
            // zkinfer proves the logits; onnxruntime's reference is the softmax of them.
            let comparable = !graph.droppedTrailingSoftmax ? output.scalars
                : name == "log_softmax" ? softmax(output.scalars).map { Float(log(Double($0))) } : softmax(output.scalars)
            let error = maximumAbsoluteDifference(comparable, expected)
            #expect(error <= 1e-4, "\(name) sample \(index): max |zkinfer − onnxruntime| = \(error)")
        }
    }

    /// Quantized with its own three inputs as calibration, each fixture's integer output stays
    /// within a few output-scale steps of the float reference.
    ///
    /// Tolerance: 3 steps of the output scale s_out (= max |y| / 127 over the three samples).
    /// Rounding the output costs ½ step; layers without arithmetic (Reshape, MaxPool, ReLU/Clip
    /// tables, an empty graph) stay within it (measured ≤ 0.5). Rounding the inputs (½ s_in each)
    /// and the per-channel weights (½ s_w each) adds a random-walk error over the K terms of a
    /// dot product; with these fixtures' weights scaled by 1/√K the worst measured is 1.7 steps
    /// (gemm_opset11), Conv and pooling ≤ 1.2. Tanh/Sigmoid tables (s_out = 1/127) add at most
    /// ½ input step times the slope ≤ 1: measured ≤ 1.3. Three steps leave margin for another
    /// platform's float rounding without hiding a wrong layer (off by a sign, a channel or a
    /// shift gives tens of steps).
    @Test("int8 inference tracks the float reference", arguments: OperatorFixtures.importable)
    func quantizedMatchesFloat(_ name: String) throws {
        let reference = try OperatorFixtures.reference(name)
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url(name))
        let model = try Quantizer(graph: graph).quantize(calibration: reference.inputs)
        #expect(model.layers.map(\.operation.kindName) == Self.expectedLayerKinds(name))
        #expect(model.inputShape == graph.inputShape)
        #expect(model.outputShape == graph.outputShape)
        #expect(model.droppedTrailingSoftmax == graph.droppedTrailingSoftmax)
        try model.validate()

        let step = model.outputScale
        for (index, input) in reference.inputs.enumerated() {
            let float = graph.evaluate(input).scalars
            let trace = model.infer(model.quantizeInput(input))
            #expect(trace.tensors.count == model.layers.count + 1)
            #expect(trace.output.shape == model.outputShape)
            let error = Double(maximumAbsoluteDifference(model.dequantizeOutput(trace.output), float))
            #expect(error <= 3 * step, "\(name) sample \(index): error \(error) = \(error / step) steps of \(step)")
        }
    }

    @Test("a BatchNormalization that follows no Conv or Gemm quantizes as a depthwise 1×1 convolution")
    func standaloneBatchNormalizationIsADepthwiseConvolution() throws {
        let reference = try OperatorFixtures.reference("batchnorm")
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url("batchnorm"))
        guard case let .batchNormalization(scale, shift) = graph.nodes[0].operation else { Issue.record("\(graph.nodes)"); return }
        let model = try Quantizer(graph: graph).quantize(calibration: reference.inputs)
        guard case let .groupedConv(weights, bias, geometry, groups, _) = model.layers[0].operation else {
            Issue.record("quantized as \(model.layers.map(\.operation.kindName))")
            return
        }
        #expect(groups == scale.count && weights.shape == [scale.count, 1, 1, 1] && bias.count == shift.count)
        #expect(geometry == PoolGeometry(kernel: (1, 1)))
    }

    @Test("Add of a constant to the graph input is rejected: only a bias Add is supported")
    func addOfConstantToInputIsRejected() {
        let error = #expect(throws: ModelImportError.self) {
            try ONNXImporter.importModel(contentsOf: OperatorFixtures.url("add_const"))
        }
        guard case let .unsupportedPattern(node, reason)? = error else {
            Issue.record("expected unsupportedPattern, got \(String(describing: error))")
            return
        }
        #expect(node == "add")
        #expect(reason.contains("bias"), "\(reason)")
        #expect(String(describing: error!).contains("node 'add'"))
    }
}
