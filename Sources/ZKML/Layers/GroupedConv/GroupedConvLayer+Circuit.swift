/// GroupedConv: a convolution whose G groups each map C/G input channels to O/G output
/// channels (depthwise when C/G = 1), then the rescale per output channel. The proof indexes a
/// channel as (group, channel within the group), so both per-group counts must be powers of two.
enum GroupedConvLayer {
    static func compile(_ c: inout LayerCompilation, geometry: PoolGeometry, groups: Int, rescale: Rescale)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        guard c.inputLayout.shape == c.logicalInput, c.logicalInput.count == 4, c.layer.outputShape.count == 4,
              let weightSegment = c.weights.segment(layer: c.index, role: .weights),
              let biasSegment = c.weights.segment(layer: c.index, role: .bias) else {
            throw c.unsupported("a convolution needs an NCHW input")
        }
        let groupInputs = c.logicalInput[1] / groups, groupOutputs = c.layer.outputShape[1] / groups
        guard groupInputs.nonzeroBitCount == 1, groupOutputs.nonzeroBitCount == 1 else {
            throw c.unsupported("grouped convolutions are proven with a power-of-two number of input and output channels per group "
                                + "(group = \(groups): \(groupInputs) inputs and \(groupOutputs) outputs per group)")
        }
        return .groupedConv(weights: weightSegment, bias: biasSegment, geometry: geometry, groups: groups,
                            rescale: try c.rescalePlan(rescale, channelAxis: 1))
    }
}
