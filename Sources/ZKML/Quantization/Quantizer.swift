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
        guard !samples.isEmpty else { throw .calibration("the calibration set is empty") }
        let inputCount = graph.inputShape.reduce(1, *)
        for (index, sample) in samples.enumerated() where sample.count != inputCount {
            throw .calibration("calibration sample \(index) has \(sample.count) values, the model input has \(inputCount)")
        }
        let ranges = calibrationRanges(samples)
        for name in ranges.keys.sorted() where !(ranges[name] ?? 0).isFinite {
            throw .calibration("tensor '\(name)' overflows float32 on the calibration set, so it has no int8 scale")
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
        return model
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

            // Fold a following BatchNormalization into Conv/Dense.
            if case .dense = operation, let next = foldableBatchNorm(after: output) {
                operation = fold(operation, graph.nodes[next].operation)
                consumed.insert(next); output = graph.nodes[next].output
            } else if case .conv = operation, let next = foldableBatchNorm(after: output) {
                operation = fold(operation, graph.nodes[next].operation)
                consumed.insert(next); output = graph.nodes[next].output
            }
            if case .batchNormalization = operation {
                throw .unsupportedPattern(node: node.name, reason: "BatchNormalization must directly follow a Conv or Gemm whose output nothing else reads")
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
            let layer = try quantizedLayer(node.name, operation, inputs: inputs, output: output,
                                           outputShape: outputShape, clampRange: clampRange)
            layers.append(layer)
            tensors[output] = (layers.count, layer.outputScale)
        }
    }

    func foldableBatchNorm(after output: String) -> Int? {
        guard let next = soleConsumer(of: output), case .batchNormalization = graph.nodes[next].operation else { return nil }
        return next
    }

    /// W'[o] = W[o]·scale[o], b'[o] = b[o]·scale[o] + shift[o].
    func fold(_ operation: FloatOperation, _ batchNorm: FloatOperation) -> FloatOperation {
        guard case let .batchNormalization(scale, shift) = batchNorm else { return operation }
        func folded(_ weight: Tensor<Float>, _ bias: [Float]) -> (Tensor<Float>, [Float]) {
            let perChannel = weight.count / weight.shape[0]
            var scalars = weight.scalars
            for o in 0..<weight.shape[0] { for i in 0..<perChannel { scalars[o * perChannel + i] *= scale[o] } }
            return (Tensor(shape: weight.shape, scalars: scalars), (0..<bias.count).map { bias[$0] * scale[$0] + shift[$0] })
        }
        switch operation {
        case let .dense(weight, bias):
            let (w, b) = folded(weight, bias)
            return .dense(weight: w, bias: b)
        case let .conv(weight, bias, geometry):
            let (w, b) = folded(weight, bias)
            return .conv(weight: w, bias: b, geometry: geometry)
        default:
            return operation
        }
    }

    func clampBounds(_ range: (lower: Float, upper: Float)?, scale: Double) -> (Int64, Int64) {
        guard let range else { return (-128, 127) }
        // Clamped in Double: a bound far outside the tensor's range does not fit in Int64.
        let lower = range.lower.isFinite ? Int64(min(max((Double(range.lower) / scale).rounded(), -128), 127)) : -128
        let upper = range.upper.isFinite ? Int64(max(min((Double(range.upper) / scale).rounded(), 127), -128)) : 127
        return (lower, upper)
    }

    func quantizedLayer(
        _ name: String, _ operation: FloatOperation, inputs: [(index: Int, scale: Double)], output: String,
        outputShape: [Int], clampRange: (lower: Float, upper: Float)?
    ) throws(ModelImportError) -> QuantizedLayer {
        let inputScale = inputs[0].scale
        let indices = inputs.map(\.index)
        func layer(_ quantized: QuantizedOperation, scale: Double) -> QuantizedLayer {
            QuantizedLayer(name: name, operation: quantized, inputs: indices, outputShape: outputShape, outputScale: scale)
        }
        let outputScale = scale(output)
        let (lower, upper) = clampBounds(clampRange, scale: outputScale)
        /// Multipliers below 2^18 keep every M = round(m·2^S) below the model file's 2^20 (S ≥ 1).
        func rescale(_ multipliers: [Double]) throws(ModelImportError) -> Rescale {
            for multiplier in multipliers where !(multiplier.isFinite && multiplier >= 0 && multiplier < Double(1 << 18)) {
                throw .calibration("layer '\(name)': rescale multiplier \(multiplier) is outside [0, 2^18); the calibrated output range is too small for the input and weight scales")
            }
            return Rescale(realMultipliers: multipliers, lower: lower, upper: upper)
        }
        func requireFinite(_ weight: Tensor<Float>, _ bias: [Float]) throws(ModelImportError) {
            guard weight.scalars.allSatisfy(\.isFinite), bias.allSatisfy(\.isFinite) else {
                throw .unsupportedPattern(node: name, reason: "weights or biases are not finite (Gemm alpha/beta or a folded BatchNormalization overflowed)")
            }
        }

        switch operation {
        case let .dense(weight, bias):
            try requireFinite(weight, bias)
            let (weights, biases, multipliers) = Self.quantizeLinear(weight, bias, inputScale: inputScale, outputScale: outputScale)
            return layer(.dense(weights: weights, bias: biases, rescale: try rescale(multipliers)), scale: outputScale)
        case let .conv(weight, bias, geometry):
            try requireFinite(weight, bias)
            let (weights, biases, multipliers) = Self.quantizeLinear(weight, bias, inputScale: inputScale, outputScale: outputScale)
            return layer(.conv(weights: weights, bias: biases, geometry: geometry, rescale: try rescale(multipliers)), scale: outputScale)
        case let .averagePool(geometry):
            let window = geometry.kernelHeight * geometry.kernelWidth
            let multipliers = (1...window).map { inputScale / (outputScale * Double($0)) }
            return layer(.averagePool(geometry, rescale: try rescale(multipliers)), scale: outputScale)
        case .globalAveragePool:
            let area = Double(outputShape.count >= 2 ? inputsArea(inputs[0].index) : 1)
            return layer(.globalAveragePool(rescale: try rescale([inputScale / (outputScale * area)])), scale: outputScale)
        case .add:
            let multipliers = [inputs[0].scale / outputScale, inputs[1].scale / outputScale]
            return layer(.add(rescale: try rescale(multipliers)), scale: outputScale)
        case .maxPool(let geometry):
            return layer(.maxPool(geometry), scale: inputScale)
        case .reshape:
            return layer(.reshape, scale: inputScale)
        case .relu, .clip:
            let bounds: (Float, Float) = {
                if case let .clip(minimum, maximum) = operation { return (minimum, maximum) }
                return (0, .infinity)
            }()
            let (low, high) = clampBounds(bounds, scale: inputScale)
            let table = (-128...127).map { Int8(min(max(Int64($0), low), high)) }
            return layer(.lookup(table: table, function: operation.name), scale: inputScale)
        case let .activation(function):
            let tableScale = function.kind.outputScale(calibrated: outputScale)
            let table = function.kind.table(inputScale: inputScale, outputScale: tableScale)
            return layer(.lookup(table: table, function: function.name), scale: tableScale)
        case .batchNormalization:
            throw .unsupportedPattern(node: name, reason: "BatchNormalization must directly follow a Conv or Gemm")
        }
    }

    func inputsArea(_ tensorIndex: Int) -> Int {
        let shape = tensorIndex == 0 ? graph.inputShape : layers[tensorIndex - 1].outputShape
        return shape.count == 4 ? shape[2] * shape[3] : 1
    }

    /// Per-output-channel int8 weights, int32 biases at s_in·s_w[c], and real multipliers
    /// s_in·s_w[c]/s_out.
    static func quantizeLinear(
        _ weight: Tensor<Float>, _ bias: [Float], inputScale: Double, outputScale: Double
    ) -> (Tensor<Int8>, [Int32], [Double]) {
        let channels = weight.shape[0]
        let perChannel = weight.count / max(1, channels)
        var quantized = [Int8](repeating: 0, count: weight.count)
        var biases = [Int32](repeating: 0, count: channels)
        var multipliers = [Double](repeating: 0, count: channels)
        for o in 0..<channels {
            let row = weight.scalars[(o * perChannel)..<((o + 1) * perChannel)]
            let largest = Double(row.reduce(Float(0)) { max($0, $1.magnitude) })
            let weightScale = largest > 0 ? largest / 127 : 1
            for (offset, value) in row.enumerated() {
                let q = (Double(value) / weightScale).rounded(.toNearestOrEven)
                quantized[o * perChannel + offset] = Int8(min(max(q, -127), 127))
            }
            let b = (Double(bias[o]) / (inputScale * weightScale)).rounded(.toNearestOrEven)
            biases[o] = Int32(min(max(b, Double(Int32.min)), Double(Int32.max)))
            multipliers[o] = inputScale * weightScale / outputScale
        }
        return (Tensor(shape: weight.shape, scalars: quantized), biases, multipliers)
    }
}

extension FloatOperation {
    /// Operations whose integer form ends in the rescale rule (and so can absorb a clamp).
    var rescales: Bool {
        switch self {
        case .dense, .conv, .averagePool, .globalAveragePool, .add: return true
        default: return false
        }
    }
}
