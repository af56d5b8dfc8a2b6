import Foundation

/// Float reference semantics of each operation (batch size 1, NCHW). Sums accumulate in Double
/// so the reference is at least as accurate as onnxruntime's float32 kernels.
extension FloatOperation {
    /// Precondition: input shapes were validated by the importer (`FloatNode.outputShape`).
    /// Forwards to the operation's kind in `Layers/<Kind>/`.
    public func evaluate(_ inputs: [Tensor<Float>], outputShape: [Int]) -> Tensor<Float> {
        let x = inputs[0]
        switch self {
        case let .dense(weight, bias): return DenseLayer.reference(x, weight: weight, bias: bias, outputShape: outputShape)
        case let .conv(weight, bias, geometry):
            return ConvLayer.reference(x, weight: weight, bias: bias, geometry: geometry, outputShape: outputShape)
        case let .groupedConv(weight, bias, geometry, groups):
            return GroupedConvLayer.reference(x, weight: weight, bias: bias, geometry: geometry, groups: groups, outputShape: outputShape)
        case .relu: return ClampLayer.reference(x, lower: 0, upper: .infinity, outputShape: outputShape)
        case let .clip(minimum, maximum): return ClampLayer.reference(x, lower: minimum, upper: maximum, outputShape: outputShape)
        case let .maxPool(geometry): return MaxPoolLayer.reference(x, geometry: geometry, outputShape: outputShape)
        case let .averagePool(geometry): return AveragePoolLayer.reference(x, geometry: geometry, outputShape: outputShape)
        case .globalAveragePool: return GlobalAveragePoolLayer.reference(x, outputShape: outputShape)
        case .reshape: return ReshapeLayer.reference(x, outputShape: outputShape)
        case .add: return AddLayer.reference(x, inputs[1], outputShape: outputShape)
        case .concat: return ConcatLayer.reference(inputs, outputShape: outputShape)
        case let .channelSlice(start): return ChannelSliceLayer.reference(x, start: start, outputShape: outputShape)
        case let .batchNormalization(scale, shift):
            return BatchNormalizationLayer.reference(x, scale: scale, shift: shift, outputShape: outputShape)
        case let .activation(function):
            return Tensor(shape: outputShape, scalars: x.scalars.map { Float(function.evaluate(Double($0))) })
        case let .pad(top, left, _, _):
            var result = [Float](repeating: 0, count: outputShape.reduce(1, *))
            let (height, width, outHeight, outWidth) = (x.shape[2], x.shape[3], outputShape[2], outputShape[3])
            for plane in 0..<(x.shape[0] * x.shape[1]) {
                for y in 0..<height {
                    for column in 0..<width {
                        result[(plane * outHeight + y + top) * outWidth + column + left] = x.scalars[(plane * height + y) * width + column]
                    }
                }
            }
            return Tensor(shape: outputShape, scalars: result)
        case let .transpose(permutation):
            let sources = TranspositionFolding.flatSources(inputShape: x.shape, permutation: permutation)
            return Tensor(shape: outputShape, scalars: sources.map { x.scalars[$0] })
        }
    }
}

extension FloatGraph {
    /// Runs the graph on one flattened input; returns every named tensor (for calibration) and
    /// the output. Precondition: `input.count` matches the input shape (callers validate).
    public func evaluateAll(_ input: [Float]) -> [String: Tensor<Float>] {
        var values = [inputName: Tensor(shape: inputShape, scalars: input)]
        for node in nodes {
            let arguments = node.inputs.compactMap { values[$0] }
            values[node.output] = node.operation.evaluate(arguments, outputShape: node.outputShape)
        }
        return values
    }

    public func evaluate(_ input: [Float]) -> Tensor<Float> {
        evaluateAll(input)[outputName] ?? Tensor(shape: [0], scalars: [])
    }
}
