/// AveragePool: the window sums, rescaled by the multiplier of the window's element count.
/// Windows that tile the input are summed by the AveragePool protocol's linear identity; any
/// other window (padded with count_include_pad = 0, strided, ceil_mode) by the window-sum
/// sumcheck, rescaled by one multiplier per output position (its window's element count).
enum AveragePoolLayer {
    static func compile(_ c: inout LayerCompilation, geometry: PoolGeometry, rescale: Rescale)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        guard c.logicalInput.count == 4, !MaxPoolLayer.tiles(geometry, c.logicalInput) else {
            let bits = try c.poolKernelBits(geometry)
            let count = geometry.kernelHeight * geometry.kernelWidth
            guard rescale.multipliers.count >= count else { throw c.unsupported("missing multiplier for \(count)-element windows") }
            return .averagePool(kernelBits: bits, rescale: try c.rescalePlan(rescale, channelAxis: nil, uniform: rescale.multipliers[count - 1]))
        }
        let output = c.layer.outputShape
        guard c.inputLayout.shape == c.logicalInput, output.count == 4,
              let size = geometry.outputSize(height: c.logicalInput[2], width: c.logicalInput[3]),
              size.height == output[2], size.width == output[3] else {
            throw c.unsupported("an average pool needs an NCHW input whose windows give its output shape")
        }
        let (rows, columns) = WindowSumProtocol.windows(geometry, input: c.logicalInput, output: output)
        var multipliers = [Int64]()
        multipliers.reserveCapacity(rows.count * columns.count)
        for row in rows {
            for column in columns {
                let count = row.count * column.count
                guard count > 0 else { throw c.unsupported("a pooling window lies wholly in the padding") }
                guard count <= rescale.multipliers.count else { throw c.unsupported("missing multiplier for \(count)-element windows") }
                multipliers.append(rescale.multipliers[count - 1])
            }
        }
        let perPosition = Rescale(multipliers: multipliers, shift: rescale.shift, lower: rescale.lower, upper: rescale.upper)
        let uniform = Set(multipliers).count == 1 ? multipliers[0] : nil
        return .windowSum(geometry: geometry,
                          rescale: try c.rescalePlan(perPosition, channelAxis: 2, spannedAxes: 2, uniform: uniform))
    }
}
