extension DenseLayer {
    /// acc[row, o] = bias[o] + Σ_i W[o, i]·x[row, i] in int64, then the rescale of channel o.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32], rescale: Rescale)
        -> (Tensor<Int8>, LayerWitness) {
        let outputs = weights.shape[0], width = weights.shape[1]
        let rows = x.count / width
        var accumulators = [Int64](repeating: 0, count: rows * outputs)
        weights.scalars.withUnsafeBufferPointer { w in
            x.scalars.withUnsafeBufferPointer { input in
                for row in 0..<rows {
                    for o in 0..<outputs {
                        var sum = Int64(bias[o])
                        let weightRow = o * width, inputRow = row * width
                        for i in 0..<width { sum += Int64(w[weightRow + i]) * Int64(input[inputRow + i]) }
                        accumulators[row * outputs + o] = sum
                    }
                }
            }
        }
        return layer.rescaled(accumulators, rescale) { index in index % outputs }
    }
}
