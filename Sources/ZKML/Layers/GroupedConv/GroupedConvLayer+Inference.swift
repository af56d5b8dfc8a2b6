extension GroupedConvLayer {
    /// acc[o, y, x] = bias[o] + Σ_{i, ky, kx} W[o, i, ky, kx]·in[g(o)·C/G + i, y', x'] in int64,
    /// then the rescale of channel o.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32], geometry: PoolGeometry,
                         groups: Int, rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        let accumulators = GroupedConvolution.accumulate(
            input: (x.shape[1], x.shape[2], x.shape[3]), outputShape: layer.outputShape, geometry: geometry, groups: groups,
            bias: { Int64(bias[$0]) }, weight: { Int64(weights.scalars[$0]) }, value: { Int64(x.scalars[$0]) })
        let area = layer.outputShape[2] * layer.outputShape[3]
        return layer.rescaled(accumulators, rescale) { index in index / area }
    }
}
