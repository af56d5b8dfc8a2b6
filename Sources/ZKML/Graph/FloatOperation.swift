/// The closed set of operations zkinfer's graph holds after import (ONNX specifics such as
/// Gemm's alpha/beta/transposes, Identity and Dropout are resolved by the importer).
public enum FloatOperation: Sendable, Equatable {
    /// y = W·x + b over the last axis; weight shape [outputs, inputs].
    case dense(weight: Tensor<Float>, bias: [Float])
    /// 2-D convolution over NCHW, group 1; weight shape [outChannels, inChannels, kh, kw].
    case conv(weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry)
    /// Grouped 2-D convolution (groups > 1; depthwise when each group has one input channel);
    /// weight shape [outChannels, inChannels / groups, kh, kw].
    case groupedConv(weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry, groups: Int)
    case relu
    case clip(minimum: Float, maximum: Float)
    case maxPool(PoolGeometry)
    /// Average over the window's in-image elements (ONNX count_include_pad = 0).
    case averagePool(PoolGeometry)
    case globalAveragePool
    /// Flatten and Reshape: a relabelling to a static shape.
    case reshape(shape: [Int])
    /// Activations joined along the channel axis (axis 1).
    case concat
    /// Channels start ..< start + C_out of the input (Split, channel Slice).
    case channelSlice(start: Int)
    /// Elementwise sum of two tensors of the same shape (residual connections).
    case add
    /// Inference-mode batch normalization per channel (axis 1): y = x·scale[c] + shift[c].
    case batchNormalization(scale: [Float], shift: [Float])
    /// An elementwise activation proven as an int8 lookup table (Sigmoid, Tanh, …: the kinds
    /// registered in `LayerKinds.tableActivations`).
    case activation(ActivationFunction)
    /// Zero padding of the spatial axes (import folds it into the convolution after it; see
    /// `PadFolding`).
    case pad(top: Int, left: Int, bottom: Int, right: Int)
    /// A permutation of the axes (import folds it into the Dense layer after it; see
    /// `TranspositionFolding`).
    case transpose(permutation: [Int])

    public var name: String {
        switch self {
        case .dense: return "Dense"
        case .conv: return "Conv"
        case .groupedConv: return "GroupedConv"
        case .relu: return "Relu"
        case .clip: return "Clip"
        case .maxPool: return "MaxPool"
        case .averagePool: return "AveragePool"
        case .globalAveragePool: return "GlobalAveragePool"
        case .reshape: return "Reshape"
        case .add: return "Add"
        case .concat: return "Concat"
        case .channelSlice: return "ChannelSlice"
        case .batchNormalization: return "BatchNormalization"
        case let .activation(function): return function.name
        case .transpose: return "Transpose"
        case .pad: return "Pad"
        }
    }
}

/// One node of the imported graph; `inputs` name earlier nodes' outputs or the graph input.
public struct FloatNode: Sendable, Equatable {
    public var name: String
    public var operation: FloatOperation
    public var inputs: [String]
    public var output: String
    public var outputShape: [Int]
}

/// An imported float model: nodes in topological order from `inputName` to `outputName`.
public struct FloatGraph: Sendable, Equatable {
    public var inputName: String
    public var inputShape: [Int]
    public var nodes: [FloatNode]
    public var outputName: String
    /// True when a trailing Softmax was removed: the graph's output (and what gets proven) are
    /// the logits.
    public var droppedTrailingSoftmax: Bool
    /// What import changed about the graph's interface, for the import report: a symbolic batch
    /// dimension fixed, classifier post-processing removed, a reshape of the input absorbed.
    public var notes: [String] = []

    public var outputShape: [Int] { nodes.last?.outputShape ?? inputShape }
}
