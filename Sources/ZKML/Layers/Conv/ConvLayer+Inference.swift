extension ConvLayer {
    /// acc[o, y, x] = bias[o] + Σ_{c, ky, kx} W[o, c, ky, kx]·in[c, y', x'] over the window's
    /// in-image positions, in int64, then the rescale of channel o (one group of GroupedConv's).
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32], geometry: PoolGeometry,
                         rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        GroupedConvLayer.evaluate(layer, x, weights: weights, bias: bias, geometry: geometry, groups: 1, rescale: rescale)
    }
}
