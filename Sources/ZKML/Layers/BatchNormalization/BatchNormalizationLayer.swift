/// Inference-mode BatchNormalization per channel (axis 1): y = x·scale[c] + shift[c]. It has no
/// quantized form of its own: the quantizer folds it into the Conv or Dense before it.
enum BatchNormalizationLayer {
    static func reference(_ x: Tensor<Float>, scale: [Float], shift: [Float], outputShape: [Int]) -> Tensor<Float> {
        let channels = x.shape[1]
        let area = x.count / channels
        var result = x.scalars
        for c in 0..<channels {
            for i in (c * area)..<((c + 1) * area) { result[i] = Float(Double(result[i]) * Double(scale[c]) + Double(shift[c])) }
        }
        return Tensor(shape: outputShape, scalars: result)
    }

    /// The affine map alone, as the layer it equals: over [1, C, H, W] a depthwise 1×1
    /// convolution with weight scale[c] and bias shift[c]; over [1, N] a Dense with a diagonal
    /// weight (N ≤ 4096, to bound its N² weights).
    static func standalone(scale: [Float], shift: [Float], shape: [Int], node: String) throws(ModelImportError) -> FloatOperation {
        let channels = scale.count
        switch shape.count {
        case 4:
            let weight = Tensor(shape: [channels, 1, 1, 1], scalars: scale)
            let geometry = PoolGeometry(kernel: (1, 1))
            return channels == 1 ? .conv(weight: weight, bias: shift, geometry: geometry)
                : .groupedConv(weight: weight, bias: shift, geometry: geometry, groups: channels)
        case 2 where channels <= 4096:
            var diagonal = [Float](repeating: 0, count: channels * channels)
            for c in 0..<channels { diagonal[c * channels + c] = scale[c] }
            return .dense(weight: Tensor(shape: [channels, channels], scalars: diagonal), bias: shift)
        default:
            throw .unsupportedPattern(node: node, reason: "a per-channel scale and shift (BatchNormalization, Mul, Div or Sub by a constant) "
                                      + "that no Conv or Gemm absorbs is proven over [1, C, H, W] or [1, N ≤ 4096] tensors; this one has shape \(shape)")
        }
    }

    /// `operation` (a Dense or Conv) with this normalization folded in:
    /// W'[o] = W[o]·scale[o], b'[o] = b[o]·scale[o] + shift[o].
    static func fold(_ operation: FloatOperation, scale: [Float], shift: [Float]) -> FloatOperation {
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
        case let .groupedConv(weight, bias, geometry, groups):
            let (w, b) = folded(weight, bias)
            return .groupedConv(weight: w, bias: b, geometry: geometry, groups: groups)
        default:
            return operation
        }
    }
}
