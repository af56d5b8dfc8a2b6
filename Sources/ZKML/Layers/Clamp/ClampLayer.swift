/// ReLU and Clip. Following a rescaling layer (Dense, Conv, pooling, Add) they are fused into
/// its clamp by the quantizer; standing alone they become an int8 table.
enum ClampLayer {
    /// The float reference: min(max(x, lower), upper).
    static func reference(_ x: Tensor<Float>, lower: Float, upper: Float, outputShape: [Int]) -> Tensor<Float> {
        Tensor(shape: outputShape, scalars: x.scalars.map { min(max($0, lower), upper) })
    }

    /// The standalone form: a table clamping q to the range at the input's scale.
    static func quantize(_ q: LayerQuantization, lower: Float, upper: Float, function: String) -> QuantizedLayer {
        let (low, high) = LayerQuantization.clampBounds((lower, upper), scale: q.inputScale)
        let table = (-128...127).map { Int8(min(max(Int64($0), low), high)) }
        return q.layer(.lookup(table: table, function: function), scale: q.inputScale)
    }
}
