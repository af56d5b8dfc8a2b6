extension GroupedConvLayer {
    /// As Conv: per-output-channel int8 weights, int32 biases, one multiplier per channel.
    static func quantize(_ q: LayerQuantization, weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry, groups: Int)
        throws(ModelImportError) -> QuantizedLayer {
        try q.requireFinite(weight, bias)
        let (weights, biases, multipliers) = q.quantizeLinear(weight, bias)
        return q.layer(.groupedConv(weights: weights, bias: biases, geometry: geometry, groups: groups,
                                    rescale: try q.rescale(multipliers)), scale: q.outputScale)
    }
}
