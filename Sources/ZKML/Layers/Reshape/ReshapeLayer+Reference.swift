extension ReshapeLayer {
    static func reference(_ x: Tensor<Float>, outputShape: [Int]) -> Tensor<Float> {
        Tensor(shape: outputShape, scalars: x.scalars)
    }
}
