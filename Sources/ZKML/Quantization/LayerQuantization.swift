/// What the quantizer knows while it quantizes one layer: its inputs' tensor indices and scales,
/// its output's shape and calibrated scale, and the clamp range of a fused ReLU/Clip. Each layer
/// kind's `quantize` (in `Layers/<Kind>/`) turns a float operation into its quantized layer
/// through it.
struct LayerQuantization {
    let name: String
    let inputs: [(index: Int, scale: Double)]
    /// The shape of the first input tensor.
    let inputShape: [Int]
    let outputShape: [Int]
    /// The calibrated scale of the output tensor (max |y| / 127).
    let outputScale: Double
    /// The int8 clamp bounds: a fused ReLU/Clip's range at the output scale, or [−128, 127].
    let lower: Int64
    let upper: Int64

    var inputScale: Double { inputs[0].scale }

    func layer(_ operation: QuantizedOperation, scale: Double) -> QuantizedLayer {
        QuantizedLayer(name: name, operation: operation, inputs: inputs.map(\.index), outputShape: outputShape, outputScale: scale)
    }

    /// The integer rescale rule for `multipliers`, with this layer's clamp. Multipliers below
    /// 2^18 keep every M = round(m·2^S) below the model file's 2^20 (S ≥ 1).
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

    /// Clamp bounds of a real range at `scale`, as int8 values; [−128, 127] without a range.
    static func clampBounds(_ range: (lower: Float, upper: Float)?, scale: Double) -> (Int64, Int64) {
        guard let range else { return (-128, 127) }
        // Clamped in Double: a bound far outside the tensor's range does not fit in Int64.
        let lower = range.lower.isFinite ? Int64(min(max((Double(range.lower) / scale).rounded(), -128), 127)) : -128
        let upper = range.upper.isFinite ? Int64(max(min((Double(range.upper) / scale).rounded(), 127), -128)) : 127
        return (lower, upper)
    }

    /// Per-output-channel int8 weights, int32 biases at s_in·s_w[c], and real multipliers
    /// s_in·s_w[c]/s_out (Dense and Conv).
    func quantizeLinear(_ weight: Tensor<Float>, _ bias: [Float]) -> (Tensor<Int8>, [Int32], [Double]) {
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
