/// The public circuit description of a quantized model: every layer, shape, scale, rescale
/// constant, lookup table and pooling geometry, with each weight tensor by its shape and each bias
/// vector by its length.
///
/// It exists so that weight values cannot be read where they are not known: a verifier holds a
/// skeleton (decoded from a descriptor), and code written against it cannot reach for weights
/// that would otherwise have to be filled with stand-in zeros.
public typealias ModelSkeleton = QuantizedNetwork<WeightShapes>
/// A layer of a `ModelSkeleton`: its weight tensor by shape, its biases by count.
public typealias SkeletonLayer = QuantizedNetworkLayer<WeightShapes>
/// An operation of a `ModelSkeleton`: its weight tensor by shape, its biases by count.
public typealias SkeletonOperation = QuantizedLayerOperation<WeightShapes>

extension QuantizedModel {
    /// The model without its weight and bias values: the circuit it is proven against.
    public var skeleton: ModelSkeleton {
        ModelSkeleton(inputShape: inputShape, inputScale: inputScale, layers: layers.map(\.skeleton),
                      droppedTrailingSoftmax: droppedTrailingSoftmax)
    }
}

extension QuantizedLayer {
    /// The layer with its parameters by shape only.
    public var skeleton: SkeletonLayer {
        SkeletonLayer(name: name, operation: operation.skeleton, inputs: inputs, outputShape: outputShape, outputScale: outputScale)
    }
}

extension QuantizedOperation {
    /// The operation with its weight tensor replaced by its shape and its biases by their count.
    public var skeleton: SkeletonOperation {
        switch self {
        case let .dense(weights, bias, rescale): return .dense(weights: weights.shape, bias: bias.count, rescale: rescale)
        case let .conv(weights, bias, geometry, rescale):
            return .conv(weights: weights.shape, bias: bias.count, geometry: geometry, rescale: rescale)
        case let .groupedConv(weights, bias, geometry, groups, rescale):
            return .groupedConv(weights: weights.shape, bias: bias.count, geometry: geometry, groups: groups, rescale: rescale)
        case let .maxPool(geometry): return .maxPool(geometry)
        case let .averagePool(geometry, rescale): return .averagePool(geometry, rescale: rescale)
        case let .globalAveragePool(rescale): return .globalAveragePool(rescale: rescale)
        case let .add(rescale): return .add(rescale: rescale)
        case let .concat(rescale): return .concat(rescale: rescale)
        case let .channelSlice(start): return .channelSlice(start: start)
        case let .transpose(permutation): return .transpose(permutation: permutation)
        case let .lookup(table, function): return .lookup(table: table, function: function)
        case .reshape: return .reshape
        case let .windows(geometry): return .windows(geometry)
        }
    }
}
