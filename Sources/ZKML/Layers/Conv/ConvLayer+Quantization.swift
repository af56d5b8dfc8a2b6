extension ConvLayer {
    /// Per-output-channel int8 weights, int32 biases, one rescale multiplier per channel.
    static func quantize(_ q: LayerQuantization, weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry)
        throws(ModelImportError) -> QuantizedLayer {
        try q.requireFinite(weight, bias)
        let (weights, biases, multipliers) = q.quantizeLinear(weight, bias)
        return q.layer(.conv(weights: weights, bias: biases, geometry: geometry, rescale: try q.rescale(multipliers)), scale: q.outputScale)
    }
}
