extension DenseLayer {
    /// y = W·x + b over the last axis, summed in Double.
    static func reference(_ x: Tensor<Float>, weight: Tensor<Float>, bias: [Float], outputShape: [Int]) -> Tensor<Float> {
        let outputs = weight.shape[0], width = weight.shape[1]
        let rows = x.count / width
        var result = [Float](repeating: 0, count: rows * outputs)
        for row in 0..<rows {
            for o in 0..<outputs {
                var sum = Double(bias[o])
                for i in 0..<width { sum += Double(weight.scalars[o * width + i]) * Double(x.scalars[row * width + i]) }
                result[row * outputs + o] = Float(sum)
            }
        }
        return Tensor(shape: outputShape, scalars: result)
    }
}
