/// AveragePool: the window sums, rescaled by the multiplier of the window's element count.
enum AveragePoolLayer {
    static func compile(_ c: inout LayerCompilation, geometry: PoolGeometry, rescale: Rescale)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        let bits = try c.poolKernelBits(geometry)
        let count = geometry.kernelHeight * geometry.kernelWidth
        guard rescale.multipliers.count >= count else { throw c.unsupported("missing multiplier for \(count)-element windows") }
        return .averagePool(kernelBits: bits, rescale: try c.rescalePlan(rescale, channelAxis: nil, uniform: rescale.multipliers[count - 1]))
    }
}
