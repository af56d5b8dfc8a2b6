/// A quantized network exactly as the circuit will prove it (integer semantics in
/// `IntegerInference.swift`), generic over how Dense and Conv parameters are held: with their
/// values (`QuantizedModel`) or by shape only (`ModelSkeleton`, the public circuit description).
///
/// Tensors are numbered: 0 is the model input, k + 1 the output of layer k. Every activation is
/// int8 with a per-tensor scale; accumulators are int64.
public struct QuantizedNetwork<Storage: LayerParameterStorage>: Sendable, Equatable {
    public var inputShape: [Int]
    public var inputScale: Double
    public var layers: [QuantizedNetworkLayer<Storage>]
    /// True when the ONNX graph ended in a Softmax that was dropped: outputs are logits.
    public var droppedTrailingSoftmax: Bool

    public init(inputShape: [Int], inputScale: Double, layers: [QuantizedNetworkLayer<Storage>], droppedTrailingSoftmax: Bool) {
        self.inputShape = inputShape
        self.inputScale = inputScale
        self.layers = layers
        self.droppedTrailingSoftmax = droppedTrailingSoftmax
    }

    public var outputShape: [Int] { layers.last?.outputShape ?? inputShape }
    public var outputScale: Double { layers.last?.outputScale ?? inputScale }

    public func shape(ofTensor index: Int) -> [Int] { index == 0 ? inputShape : layers[index - 1].outputShape }
    public func scale(ofTensor index: Int) -> Double { index == 0 ? inputScale : layers[index - 1].outputScale }

    /// The tensor whose values `index` shares: Flatten/Reshape outputs are relabellings of their
    /// input, so the circuit stores them once.
    public func storageRoot(ofTensor index: Int) -> Int {
        var tensor = index
        while tensor > 0, layers.indices.contains(tensor - 1), case .reshape = layers[tensor - 1].operation,
              let source = layers[tensor - 1].inputs.first, source < tensor {
            tensor = source
        }
        return tensor
    }
}

/// The quantized model with its weights: what the owner imports, stores as `.zkm`, runs and
/// commits to.
public typealias QuantizedModel = QuantizedNetwork<WeightValues>
/// A layer of a `QuantizedModel`, with its weight values.
public typealias QuantizedLayer = QuantizedNetworkLayer<WeightValues>
/// An operation of a `QuantizedModel`, with its weight values.
public typealias QuantizedOperation = QuantizedLayerOperation<WeightValues>

/// One layer of a quantized network: its operation, the tensors it reads, and its output's shape
/// and scale.
public struct QuantizedNetworkLayer<Storage: LayerParameterStorage>: Sendable, Equatable {
    public var name: String
    public var operation: QuantizedLayerOperation<Storage>
    /// Indices of the tensors this layer reads (earlier than itself).
    public var inputs: [Int]
    public var outputShape: [Int]
    public var outputScale: Double

    public init(name: String, operation: QuantizedLayerOperation<Storage>, inputs: [Int], outputShape: [Int], outputScale: Double) {
        self.name = name
        self.operation = operation
        self.inputs = inputs
        self.outputShape = outputShape
        self.outputScale = outputScale
    }
}

/// The closed set of quantized layer kinds; each gets one prover/verifier pair later. Dense and
/// Conv parameters are held as `Storage` says (values, or shapes only).
public enum QuantizedLayerOperation<Storage: LayerParameterStorage>: Sendable, Equatable {
    /// acc[o] = Σ_i W[o][i]·x[i] + bias[o]; rescale multiplier per output channel.
    case dense(weights: Storage.Weights, bias: Storage.Bias, rescale: Rescale)
    /// acc[o, y, x] = Σ_{c, ky, kx} W·x_shifted + bias[o]; rescale multiplier per output channel.
    case conv(weights: Storage.Weights, bias: Storage.Bias, geometry: PoolGeometry, rescale: Rescale)
    /// Conv with `groups` groups of channels (weights [O, C/groups, kh, kw]).
    case groupedConv(weights: Storage.Weights, bias: Storage.Bias, geometry: PoolGeometry, groups: Int, rescale: Rescale)
    /// Integer max over each window (no rescale: the output keeps the input's scale).
    case maxPool(PoolGeometry)
    /// Integer sum over each window's in-image elements; multiplier index = element count − 1.
    case averagePool(PoolGeometry, rescale: Rescale)
    /// Integer sum over each channel's H×W elements; one multiplier.
    case globalAveragePool(rescale: Rescale)
    /// acc = a·M_a + b·M_b (multipliers[0], multipliers[1]), then the rescale rule.
    case add(rescale: Rescale)
    /// The inputs joined along the channels, each channel rescaled from its input's scale
    /// (multiplier per output channel).
    case concat(rescale: Rescale)
    /// A permutation of the axes (batch first), the elements relabelled.
    case transpose(permutation: [Int])
    /// Channels start ..< start + C_out of the input, unchanged.
    case channelSlice(start: Int)
    /// int8 → int8 table indexed by q + 128 (Sigmoid, Tanh, standalone ReLU/Clip).
    case lookup(table: [Int8], function: String)
    /// Relabelling to a static shape (Flatten/Reshape).
    case reshape
    /// Each pooling window gathered into a power-of-two tile (`WindowTiles`), for the tiling
    /// MaxPool after it: how a padded or overlapping max-pool is proven.
    case windows(PoolGeometry)

    public var kindName: String {
        switch self {
        case .dense: return "Dense"
        case .conv: return "Conv"
        case .groupedConv: return "GroupedConv"
        case .maxPool: return "MaxPool"
        case .averagePool: return "AveragePool"
        case .globalAveragePool: return "GlobalAveragePool"
        case .add: return "Add"
        case .concat: return "Concat"
        case .channelSlice: return "ChannelSlice"
        case .transpose: return "Transpose"
        case let .lookup(_, function): return "Lookup(\(function))"
        case .reshape: return "Reshape"
        case .windows: return "Windows"
        }
    }

    /// A Dense or Conv layer's weight shape and bias count; nil for the kinds without parameters.
    public var parameterShapes: (weights: [Int], biasCount: Int)? {
        switch self {
        case let .dense(weights, bias, _), let .conv(weights, bias, _, _), let .groupedConv(weights, bias, _, _, _):
            return (Storage.shape(of: weights), Storage.count(of: bias))
        case .maxPool, .averagePool, .globalAveragePool, .add, .concat, .channelSlice, .transpose, .lookup, .reshape, .windows:
            return nil
        }
    }
}
