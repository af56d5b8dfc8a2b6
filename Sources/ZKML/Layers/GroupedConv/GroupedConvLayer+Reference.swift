extension GroupedConvLayer {
    /// Grouped 2-D convolution over NCHW: output channel o reads the input channels of its group,
    /// g(o)·C/G … (g(o) + 1)·C/G − 1; weight shape [O, C/G, kH, kW]. Summed in Double.
    static func reference(_ x: Tensor<Float>, weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry, groups: Int,
                          outputShape: [Int]) -> Tensor<Float> {
        let sums = GroupedConvolution.accumulate(
            input: (x.shape[1], x.shape[2], x.shape[3]), outputShape: outputShape, geometry: geometry, groups: groups,
            bias: { Double(bias[$0]) }, weight: { Double(weight.scalars[$0]) }, value: { Double(x.scalars[$0]) })
        return Tensor(shape: outputShape, scalars: sums.map { Float($0) })
    }
}
