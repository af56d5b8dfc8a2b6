extension ReshapeLayer {
    /// The same values under the output's shape.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>) -> (Tensor<Int8>, LayerWitness) {
        (Tensor(shape: layer.outputShape, scalars: x.scalars), .none)
    }
}
