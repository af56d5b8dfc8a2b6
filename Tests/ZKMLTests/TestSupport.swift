import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKTestSupport

// Shared helpers of the ZKML tests: loaders for the committed fixtures and vectors (through
// ZKTestSupport's `Repository`), cached imports of the model zoo, and small numeric helpers.

/// A load failure kept as text, so lazily loaded statics stay `Sendable`.
struct LoadFailure: Error, Sendable, CustomStringConvertible {
    var description: String
}

extension Result where Failure == LoadFailure {
    /// Runs `body` once; any error becomes a `LoadFailure` rethrown by `get()` in every test that
    /// needs the value.
    init(loading body: () throws -> Success) {
        do { self = .success(try body()) } catch { self = .failure(LoadFailure(description: "\(error)")) }
    }
}

// MARK: - One-operator ONNX fixtures (Tests/Fixtures/onnx)

/// One entry of `Tests/Fixtures/onnx/reference.json`: three inputs and onnxruntime's outputs.
struct OperatorReference: Decodable, Sendable {
    var opset: Int
    var ops: [String]
    var inputShape: [Int]
    var outputShape: [Int]
    var inputs: [[Float]]
    var outputs: [[Float]]

    enum CodingKeys: String, CodingKey {
        case opset, ops, inputs, outputs
        case inputShape = "input_shape"
        case outputShape = "output_shape"
    }
}

enum OperatorFixtures {
    static let directory = "Tests/Fixtures/onnx"

    /// Every positive fixture of the README's table, in its order. `coverage` checks this list
    /// against `reference.json` and the folder, so a new fixture cannot go untested.
    static let positive = [
        "gemm", "gemm_opset11", "gemm_opset19", "gemm_opset28", "gemm_constant", "shape_arithmetic", "shape_arithmetic_ops", "gemm_transA0_transB0", "gemm_transA1", "gemm_float_data",
        "matmul", "matmul_add", "matmul_rows", "matmul_rows_broadcast_weight", "conv3x3", "conv_stride2", "conv5x5_valid", "conv_rect", "conv_opset11",
        "conv_opset19", "conv_opset28", "relu", "sigmoid", "tanh", "leaky_relu", "leaky_relu_default", "identity", "softmax", "clip_relu6", "clip_opset11",
        "maxpool2x2", "maxpool3x3_stride2_pad1", "averagepool2x2", "averagepool3x3_pad1", "averagepool3x3_s2_ceil", "global_average_pool",
        "flatten", "flatten_axis2", "reshape", "reshape_zero", "add_residual", "add_const", "batchnorm", "dropout",
        "mul_scalar_gemm", "conv_dilated", "conv_depthwise", "conv_group_3_per_group", "pad_conv", "normalize_conv", "normalize_conv_padded",
        "concat_channels", "hard_sigmoid", "hard_swish", "prelu_scalar", "log_softmax", "maxpool3x3_s2_ceil",
        "averagepool3x3_s1_pad1_include", "reduce_mean_spatial", "transpose_flatten_gemm", "split_add", "slice_channels", "prelu_per_channel", "constant_folding", "transpose_nhwc_conv",
    ]

    /// Positive fixtures that zkinfer rejects by design (with the test that checks the error).
    static let rejectedByDesign: Set = ["add_const"]

    static var importable: [String] { positive.filter { !rejectedByDesign.contains($0) } }

    /// Models written by real exporters, each with its own reference file and test.
    static let exported = ["torch_linear_leakyrelu"]

    /// A fixture written as a negative one when grouped convolutions were refused; it now imports
    /// (GroupedConvTests), and keeps its name so the generator's output is unchanged.
    static let formerlyRejected = ["bad_conv_group2"]

    static let negative = [
        "bad_unsupported_op", "bad_cycle", "bad_missing_initializer", "bad_shape_mismatch",
        "bad_huge_dims", "bad_truncated", "bad_random_bytes", "bad_dynamic_reshape",
    ]

    static let reference = Result<[String: OperatorReference], LoadFailure>(loading: {
        try Repository.json("\(directory)/reference.json")
    })

    static func url(_ name: String) -> URL { Repository.url("\(directory)/\(name).onnx") }

    static func bytes(_ name: String) throws -> [UInt8] { try Repository.bytes("\(directory)/\(name).onnx") }

    static func reference(_ name: String) throws -> OperatorReference {
        try #require(try reference.get()[name], "reference.json has no entry \(name)")
    }
}

// MARK: - The model zoo (Circuits/, Vectors/zoo/)

/// `Vectors/zoo/<model>.json`: 20 test inputs with onnxruntime's float outputs.
struct ZooVectors: Decodable, Sendable {
    var model: String
    var inputShape: [Int]
    var outputShape: [Int]
    var inputs: [[Float]]
    var outputs: [[Float]]
    var labels: [Int]

    enum CodingKeys: String, CodingKey {
        case model, inputs, outputs, labels
        case inputShape = "input_shape"
        case outputShape = "output_shape"
    }
}

/// `Vectors/zoo/<model>.golden.json`: zkinfer's exact int8 outputs on those 20 inputs.
struct ZooGolden: Decodable, Sendable {
    var outputs: [[Int8]]
    var predicted: [Int]
}

/// A zoo model imported from its ONNX file and quantized with its committed calibration set.
struct ImportedZooModel: Sendable {
    var graph: FloatGraph
    var model: QuantizedModel
}

struct ZooModel: Sendable, Hashable, CustomTestStringConvertible {
    var name: String

    static let all = ["digits_mlp_small", "digits_mlp", "mnist_mlp", "digits_cnn", "lenet5", "cifar_cnn", "resnet8_cifar", "vgg11_cifar"]
        .map(ZooModel.init)
    /// The models trained on the digits split; `cifar_cnn` has seeded random weights.
    static let trained = all.filter { $0.name != "cifar_cnn" }

    var testDescription: String { name }
    var isTrained: Bool { name != "cifar_cnn" }
    var onnxURL: URL { Repository.url("Circuits/\(name)/model.onnx") }
    var calibrationURL: URL { Repository.url("Circuits/\(name)/calibration.json") }
    var testSetURL: URL { Repository.url("Circuits/\(name)/test.json") }

    func vectors() throws -> ZooVectors { try Repository.json("Vectors/zoo/\(name).json") }
    func golden() throws -> ZooGolden { try Repository.json("Vectors/zoo/\(name).golden.json") }

    /// Import + quantization, done once per model for the whole test run (cifar_cnn takes seconds).
    func imported() throws -> ImportedZooModel {
        switch name {
        case "digits_mlp_small": return try Self.digitsMLPSmall.get()
        case "digits_mlp": return try Self.digitsMLP.get()
        case "mnist_mlp": return try Self.mnistMLP.get()
        case "digits_cnn": return try Self.digitsCNN.get()
        case "lenet5": return try Self.lenet5.get()
        case "cifar_cnn": return try Self.cifarCNN.get()
        case "resnet8_cifar": return try Self.resnet8CIFAR.get()
        case "vgg11_cifar": return try Self.vgg11CIFAR.get()
        default: throw LoadFailure(description: "unknown zoo model \(name)")
        }
    }

    private static func load(_ name: String) -> Result<ImportedZooModel, LoadFailure> {
        Result(loading: {
            let zoo = ZooModel(name: name)
            let graph = try ONNXImporter.importModel(contentsOf: zoo.onnxURL)
            let calibration = try InputData.load(contentsOf: zoo.calibrationURL)
            try calibration.checkSampleSize(graph.inputShape.reduce(1, *))
            let model = try Quantizer(graph: graph).quantize(calibration: calibration.inputData)
            return ImportedZooModel(graph: graph, model: model)
        })
    }

    private static let digitsMLPSmall = load("digits_mlp_small")
    private static let digitsMLP = load("digits_mlp")
    private static let mnistMLP = load("mnist_mlp")
    private static let digitsCNN = load("digits_cnn")
    private static let lenet5 = load("lenet5")
    private static let cifarCNN = load("cifar_cnn")
    private static let resnet8CIFAR = load("resnet8_cifar")
    private static let vgg11CIFAR = load("vgg11_cifar")
}

// MARK: - Numeric helpers

/// max |a[i] − b[i]|; infinity when the lengths differ (so a length bug fails any tolerance).
func maximumAbsoluteDifference(_ a: [Float], _ b: [Float]) -> Float {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).reduce(0) { Swift.max($0, ($1.0 - $1.1).magnitude) }
}

/// Softmax over all values, in Double.
func softmax(_ values: [Float]) -> [Float] {
    let largest = Double(values.max() ?? 0)
    let exponentials = values.map { Foundation.exp(Double($0) - largest) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { Float($0 / total) }
}

/// Integer inference on float samples, the way `zkinfer infer` runs it.
extension QuantizedModel {
    func integerOutput(_ sample: [Float]) -> Tensor<Int8> { infer(quantizeInput(sample)).output }
    func dequantizedOutput(_ sample: [Float]) -> [Float] { dequantizeOutput(integerOutput(sample)) }
}
