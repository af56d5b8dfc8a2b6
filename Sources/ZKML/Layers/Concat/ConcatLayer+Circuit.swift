/// Concat: activations joined along the channel axis (Inception, SqueezeNet's fire module,
/// DenseNet), each rescaled to the output's scale.
enum ConcatLayer {
    /// Most inputs a Concat may have (the `.zkm` format's bound).
    static let maximumInputs = 16

    static func compile(_ c: inout LayerCompilation, rescale: Rescale) throws(CircuitCompilationError) -> LayerPlan.Step {
        let output = c.outputLayout.shape
        var channels = 0
        for root in c.inputRoots {
            // Every input laid out as its own NCHW (or [N, C]) tensor, equal to the output but for
            // the channel count.
            guard let layout = c.layouts[root], layout.shape.count == output.count, output.count >= 2,
                  layout.shape.indices.allSatisfy({ $0 == 1 || layout.shape[$0] == output[$0] }) else {
                throw c.unsupported("a concatenation needs inputs laid out like its output but for the channel axis")
            }
            channels += layout.shape[1]
        }
        guard channels == output[1] else { throw c.unsupported("inputs of \(channels) channels for an output of \(output[1])") }
        return .concat(rescale: try c.rescalePlan(rescale, channelAxis: 1))
    }
}
