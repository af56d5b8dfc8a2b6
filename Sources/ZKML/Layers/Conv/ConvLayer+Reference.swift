extension ConvLayer {
    /// 2-D convolution over NCHW (one group), summed in Double.
    static func reference(_ x: Tensor<Float>, weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry, outputShape: [Int])
        -> Tensor<Float> {
        GroupedConvLayer.reference(x, weight: weight, bias: bias, geometry: geometry, groups: 1, outputShape: outputShape)
    }
}
