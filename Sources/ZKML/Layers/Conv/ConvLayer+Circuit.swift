/// Conv: 2-D convolution over NCHW (group 1), then the rescale (per output channel).
enum ConvLayer {
    static func compile(_ c: inout LayerCompilation, geometry: PoolGeometry, rescale: Rescale)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        guard c.inputLayout.shape == c.logicalInput, c.logicalInput.count == 4, c.layer.outputShape.count == 4,
              let weightSegment = c.weights.segment(layer: c.index, role: .weights),
              let biasSegment = c.weights.segment(layer: c.index, role: .bias) else {
            throw c.unsupported("a convolution needs an NCHW input")
        }
        return .conv(weights: weightSegment, bias: biasSegment, geometry: geometry, rescale: try c.rescalePlan(rescale, channelAxis: 1))
    }
}
