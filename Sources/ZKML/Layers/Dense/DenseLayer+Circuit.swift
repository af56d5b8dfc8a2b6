/// Dense: acc[b, o] = Σ_i W[o, i]·x[b, i] + bias[o], then the rescale (per output channel).
enum DenseLayer {
    static func compile(_ c: inout LayerCompilation, weightShape: [Int], rescale: Rescale)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        guard let weightSegment = c.weights.segment(layer: c.index, role: .weights),
              let biasSegment = c.weights.segment(layer: c.index, role: .bias),
              Array(weightSegment.shape.dropFirst()) == Array(c.inputLayout.shape.dropFirst()),
              weightSegment.shape[0] == weightShape[0], c.layer.outputShape.count == 2 else {
            throw c.unsupported("a dense layer must read a [batch, features…] tensor laid out like its weights")
        }
        return .dense(weights: weightSegment, bias: biasSegment, rescale: try c.rescalePlan(rescale, channelAxis: 1))
    }
}
