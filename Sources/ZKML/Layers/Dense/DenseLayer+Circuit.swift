/// Dense: acc[row, o] = Σ_i W[o, i]·x[row, i] + bias[o], then the rescale (per output channel).
/// The rows are every axis of the output but the last: the batch, and for a MatMul of a
/// [batch, N, K] activation also its N rows, each multiplied by the same weights.
enum DenseLayer {
    static func compile(_ c: inout LayerCompilation, weightShape: [Int], rescale: Rescale)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        let output = c.layer.outputShape
        guard output.count >= 2,
              let weightSegment = c.weights.segment(layer: c.index, role: .weights),
              let biasSegment = c.weights.segment(layer: c.index, role: .bias),
              // The batch axis is the proof's own (the layout's), the others the model's.
              Array(c.inputLayout.shape.dropFirst()) == Array(output.dropFirst().dropLast() + weightSegment.shape.dropFirst()),
              weightSegment.shape[0] == weightShape[0], output.last == weightShape[0] else {
            throw c.unsupported("a dense layer must read a [rows…, features…] tensor laid out like its weights")
        }
        return .dense(weights: weightSegment, bias: biasSegment, rescale: try c.rescalePlan(rescale, channelAxis: output.count - 1))
    }
}
