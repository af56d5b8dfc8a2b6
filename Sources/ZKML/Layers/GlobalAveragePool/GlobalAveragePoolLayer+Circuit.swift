/// GlobalAveragePool: each channel's sum over H×W, rescaled by one multiplier.
enum GlobalAveragePoolLayer {
    static func compile(_ c: inout LayerCompilation, rescale: Rescale) throws(CircuitCompilationError) -> LayerPlan.Step {
        let input = c.logicalInput
        guard c.inputLayout.shape == input, input.count == 4,
              c.outputLayout.shape == [c.batchSize, input[1], 1, 1] || c.outputLayout.shape == [c.batchSize, input[1]] else {
            throw c.unsupported("global average pooling needs an NCHW input and an [N, C(, 1, 1)] output")
        }
        return .globalAveragePool(rescale: try c.rescalePlan(rescale, channelAxis: nil, uniform: rescale.multipliers[0]))
    }
}
