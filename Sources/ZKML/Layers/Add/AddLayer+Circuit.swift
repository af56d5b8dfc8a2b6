/// Add: a·M_a + b·M_b elementwise over two tensors of one layout, then the rescale.
enum AddLayer {
    static func compile(_ c: inout LayerCompilation, rescale: Rescale) throws(CircuitCompilationError) -> LayerPlan.Step {
        guard c.inputRoots.count == 2, let rightLayout = c.layouts[c.inputRoots[1]], rightLayout == c.inputLayout,
              rescale.multipliers.count == 2 else {
            throw c.unsupported("both addends must share one layout")
        }
        c.outputLayout = c.inputLayout
        return .add(left: rescale.multipliers[0], right: rescale.multipliers[1],
                    rescale: try c.rescalePlan(rescale, channelAxis: nil, uniform: 1))
    }
}
