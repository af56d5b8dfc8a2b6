import Foundation

/// Turns an imported float graph and calibration samples into the exact integer model that
/// inference runs and the circuit proves:
/// - activations: int8, symmetric, per tensor, scale = max|x| over the calibration set / 127;
/// - weights: int8, symmetric, per output channel; biases int32 at scale s_in·s_w[c];
/// - BatchNormalization folded into the preceding Conv/Gemm; ReLU/Clip fused into the clamp of
///   the preceding rescaling layer; table activations (Sigmoid, Tanh, … in `Layers/`) and a
///   ReLU/Clip with nothing to fuse into become int8→int8 lookup tables.
public struct Quantizer {
    public let graph: FloatGraph

    public init(graph: FloatGraph) { self.graph = graph }

    public func quantize(calibration samples: [[Float]]) throws(ModelImportError) -> QuantizedModel {
        try quantizeReporting(calibration: samples).model
    }

    /// `quantize`, with what the calibration set left doubtful (`CalibrationWarning`).
    public func quantizeReporting(
        calibration samples: [[Float]]
    ) throws(ModelImportError) -> (model: QuantizedModel, warnings: [CalibrationWarning]) {
        try CalibrationCheck.refuseUnusable(samples, inputCount: graph.inputShape.reduce(1, *))
        let ranges = calibrationRanges(samples)
        for name in ranges.keys.sorted() where !(ranges[name] ?? 0).isFinite {
            throw .calibration("tensor '\(name)' overflows float32 on the calibration set, so it has no int8 scale")
        }
        var warnings = CalibrationCheck.warnings(samples)
        for name in ranges.keys.sorted() where ranges[name] == 0 && name != graph.inputName {
            warnings.append(.degenerateRange(tensor: name))
        }
        var builder = LayerBuilder(graph: graph, ranges: ranges)
        try builder.build()
        let model = QuantizedModel(inputShape: graph.inputShape, inputScale: builder.scale(graph.inputName),
                                   layers: builder.layers, droppedTrailingSoftmax: graph.droppedTrailingSoftmax)
        // Only models the .zkm format accepts (e.g. not a rank-0 input or more than 4096 layers).
        do {
            try model.validate()
        } catch {
            throw .invalidGraph(reason: "the quantized model cannot be stored: \(error)")
        }
        return (model, warnings)
    }

    /// max |value| of every named tensor over the calibration samples.
    func calibrationRanges(_ samples: [[Float]]) -> [String: Float] {
        var ranges = [String: Float]()
        for sample in samples {
            for (name, tensor) in graph.evaluateAll(sample) {
                let largest = tensor.scalars.reduce(Float(0)) { max($0, $1.magnitude) }
                ranges[name] = max(ranges[name] ?? 0, largest)
            }
        }
        return ranges
    }
}

/// Walks the float graph once, folding and fusing as it goes.
struct LayerBuilder {
    let graph: FloatGraph
    let ranges: [String: Float]
    var layers: [QuantizedLayer] = []
    /// Tensor name → (index in the quantized model, scale).
    var tensors: [String: (index: Int, scale: Double)] = [:]
    let consumers: [String: [Int]]

    init(graph: FloatGraph, ranges: [String: Float]) {
        self.graph = graph
        self.ranges = ranges
        var consumers = [String: [Int]]()
        for (index, node) in graph.nodes.enumerated() { for input in node.inputs { consumers[input, default: []].append(index) } }
        self.consumers = consumers
    }

    func scale(_ name: String) -> Double {
        let range = Double(ranges[name] ?? 0)
        return range > 0 ? range / 127 : 1.0 / 127
    }

    /// The single node reading `name`, when exactly one does.
    func soleConsumer(of name: String) -> Int? {
        guard let readers = consumers[name], readers.count == 1, name != graph.outputName else { return nil }
        return readers[0]
    }

    mutating func build() throws(ModelImportError) {
        tensors[graph.inputName] = (0, scale(graph.inputName))
        var consumed = Set<Int>()
        for (index, node) in graph.nodes.enumerated() where !consumed.contains(index) {
            var operation = node.operation
            var output = node.output
            var outputShape = node.outputShape

            // Fold a following BatchNormalization into Conv/Dense (a Dense over rows of a
            // [batch, N, K] activation has its channels last, not on BatchNormalization's axis 1).
            if case .dense = operation, outputShape.count == 2, let next = foldableBatchNorm(after: output) {
                operation = fold(operation, graph.nodes[next].operation)
                consumed.insert(next); output = graph.nodes[next].output
            } else if operation.isConvolution, let next = foldableBatchNorm(after: output) {
                operation = fold(operation, graph.nodes[next].operation)
                consumed.insert(next); output = graph.nodes[next].output
            }
            // Any other per-channel affine map (a BatchNormalization after a ReLU, input
            // normalisation before a padded convolution) is a depthwise 1×1 convolution.
            if case let .batchNormalization(scale, shift) = operation {
                operation = try BatchNormalizationLayer.standalone(scale: scale, shift: shift, shape: node.outputShape, node: node.name)
            }

            // Fuse a following ReLU/Clip into the clamp of a rescaling layer.
            var clampRange: (lower: Float, upper: Float)?
            if operation.rescales, let next = soleConsumer(of: output) {
                switch graph.nodes[next].operation {
                case .relu: clampRange = (0, .infinity)
                case let .clip(minimum, maximum): clampRange = (minimum, maximum)
                default: break
                }
                if clampRange != nil {
                    consumed.insert(next); output = graph.nodes[next].output; outputShape = graph.nodes[next].outputShape
                }
            }

            let inputs = try node.inputs.map { name throws(ModelImportError) -> (index: Int, scale: Double) in
                guard let tensor = tensors[name] else { throw .missingTensor(node: node.name, tensor: name) }
                return tensor
            }
            let produced = try quantizedLayers(node.name, operation, inputs: inputs, output: output,
                                               outputShape: outputShape, clampRange: clampRange)
            layers += produced
            tensors[output] = (layers.count, produced.last?.outputScale ?? 1)
        }
    }

    func foldableBatchNorm(after output: String) -> Int? {
        guard let next = soleConsumer(of: output), case .batchNormalization = graph.nodes[next].operation else { return nil }
        return next
    }

    func fold(_ operation: FloatOperation, _ batchNorm: FloatOperation) -> FloatOperation {
        guard case let .batchNormalization(scale, shift) = batchNorm else { return operation }
        return BatchNormalizationLayer.fold(operation, scale: scale, shift: shift)
    }

    /// The node's layers (one, except for a max-pool proven in stages): forwards to its kind's
    /// `quantize` in `Layers/<Kind>/`.
    func quantizedLayers(
        _ name: String, _ operation: FloatOperation, inputs: [(index: Int, scale: Double)], output: String,
        outputShape: [Int], clampRange: (lower: Float, upper: Float)?
    ) throws(ModelImportError) -> [QuantizedLayer] {
        if case let .maxPool(geometry) = operation {
            let q = LayerQuantization(name: name, inputs: inputs, inputShape: shape(ofTensor: inputs[0].index), outputShape: outputShape,
                                      outputScale: scale(output), lower: -128, upper: 127)
            return MaxPoolLayer.quantize(q, geometry: geometry, firstTensor: layers.count + 1)
        }
        return [try quantizedLayer(name, operation, inputs: inputs, output: output, outputShape: outputShape, clampRange: clampRange)]
    }

    /// One layer: forwards to its kind's `quantize` in `Layers/<Kind>/`.
    func quantizedLayer(
        _ name: String, _ operation: FloatOperation, inputs: [(index: Int, scale: Double)], output: String,
        outputShape: [Int], clampRange: (lower: Float, upper: Float)?
    ) throws(ModelImportError) -> QuantizedLayer {
        let outputScale = scale(output)
        let (lower, upper) = LayerQuantization.clampBounds(clampRange, scale: outputScale)
        let q = LayerQuantization(name: name, inputs: inputs, inputShape: shape(ofTensor: inputs[0].index), outputShape: outputShape,
                                  outputScale: outputScale, lower: lower, upper: upper)
        switch operation {
        case let .dense(weight, bias): return try DenseLayer.quantize(q, weight: weight, bias: bias)
        case let .conv(weight, bias, geometry): return try ConvLayer.quantize(q, weight: weight, bias: bias, geometry: geometry)
        case let .groupedConv(weight, bias, geometry, groups):
            return try GroupedConvLayer.quantize(q, weight: weight, bias: bias, geometry: geometry, groups: groups)
        case let .averagePool(geometry): return try AveragePoolLayer.quantize(q, geometry: geometry)
        case .globalAveragePool: return try GlobalAveragePoolLayer.quantize(q)
        case .add: return try AddLayer.quantize(q)
        case .concat: return try ConcatLayer.quantize(q, inputShapes: inputs.map { shape(ofTensor: $0.index) })
        case let .maxPool(geometry): return MaxPoolLayer.quantize(q, geometry: geometry, firstTensor: layers.count + 1)[0]
        case .reshape: return ReshapeLayer.quantize(q)
        case let .channelSlice(start): return q.layer(.channelSlice(start: start), scale: q.inputScale)
        case .relu: return ClampLayer.quantize(q, lower: 0, upper: .infinity, function: operation.name)
        case let .clip(minimum, maximum): return ClampLayer.quantize(q, lower: minimum, upper: maximum, function: operation.name)
        case let .activation(function): return function.quantize(q)
        case .batchNormalization:
            throw .unsupportedPattern(node: name, reason: "BatchNormalization must directly follow a Conv or Gemm")
        case .pad:
            throw .unsupportedPattern(node: name, reason: "a Pad is supported only where import folds it into the convolution after it")
        case let .transpose(permutation): return q.layer(.transpose(permutation: permutation), scale: q.inputScale)
        }
    }

    /// The shape of quantized tensor `index` (0 is the model input).
    func shape(ofTensor index: Int) -> [Int] {
        index == 0 ? graph.inputShape : layers[index - 1].outputShape
    }
}

extension FloatOperation {
    /// Operations whose integer form ends in the rescale rule (and so can absorb a clamp).
    var rescales: Bool {
        switch self {
        case .dense, .conv, .groupedConv, .averagePool, .globalAveragePool, .add, .concat: return true
        default: return false
        }
    }

    var isConvolution: Bool {
        switch self {
        case .conv, .groupedConv: return true
        default: return false
        }
    }
}
