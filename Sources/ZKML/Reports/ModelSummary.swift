/// Per-layer shapes, parameter and multiply-accumulate counts, and scales of a quantized model.
public struct ModelSummary: Sendable, Equatable, Codable {
    /// One layer as `inspect` reports it: kind, shapes, parameter count and output scale.
    public struct Layer: Sendable, Equatable, Codable {
        public var index: Int
        public var name: String
        public var kind: String
        public var inputShapes: [[Int]]
        public var outputShape: [Int]
        public var parameters: Int
        public var macs: Int
        public var outputScale: Double
        public var shift: Int?
    }

    public var inputShape: [Int]
    public var inputScale: Double
    public var outputShape: [Int]
    public var outputScale: Double
    public var parameters: Int
    public var macs: Int
    public var logitsOutput: Bool
    public var layers: [Layer]

    /// Works from shapes alone, so a model and its circuit skeleton have the same summary.
    public init<Storage>(_ model: QuantizedNetwork<Storage>) {
        layers = model.layers.enumerated().map { index, layer in
            let inputShapes = layer.inputs.map { model.shape(ofTensor: $0) }
            var parameters = 0, macs = 0
            var shift: Int?
            switch layer.operation {
            case let .dense(weights, bias, rescale):
                let shape = Storage.shape(of: weights), count = shape.reduce(1, *)
                parameters = count + Storage.count(of: bias)
                macs = count * (inputShapes[0].reduce(1, *) / max(1, shape[1]))
                shift = rescale.shift
            case let .conv(weights, bias, _, rescale), let .groupedConv(weights, bias, _, _, rescale):
                let count = Storage.shape(of: weights).reduce(1, *)
                parameters = count + Storage.count(of: bias)
                macs = count * layer.outputShape[2] * layer.outputShape[3]
                shift = rescale.shift
            case let .averagePool(_, rescale), let .globalAveragePool(rescale), let .add(rescale), let .concat(rescale):
                shift = rescale.shift
            case .maxPool, .lookup, .reshape, .windows, .channelSlice, .transpose:
                break
            }
            return Layer(index: index, name: layer.name, kind: layer.operation.kindName, inputShapes: inputShapes,
                         outputShape: layer.outputShape, parameters: parameters, macs: macs,
                         outputScale: layer.outputScale, shift: shift)
        }
        inputShape = model.inputShape
        inputScale = model.inputScale
        outputShape = model.outputShape
        outputScale = model.outputScale
        parameters = layers.reduce(0) { $0 + $1.parameters }
        macs = layers.reduce(0) { $0 + $1.macs }
        logitsOutput = model.droppedTrailingSoftmax
    }
}
