extension MaxPoolLayer {
    /// The largest in-image value of each window; no rescale (the output keeps the input's scale).
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, geometry: PoolGeometry) -> (Tensor<Int8>, LayerWitness) {
        let result = layer.windows(x, geometry) { values in values.max() ?? 0 }
        return (Tensor(shape: layer.outputShape, scalars: result.map { Int8($0) }), .none)
    }
}
