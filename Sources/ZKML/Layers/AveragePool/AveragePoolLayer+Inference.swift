extension AveragePoolLayer {
    /// The sum of each window's in-image values, rescaled by the multiplier of its element count.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, geometry: PoolGeometry, rescale: Rescale)
        -> (Tensor<Int8>, LayerWitness) {
        var counts = [Int]()
        let sums = layer.windows(x, geometry) { values in
            counts.append(values.count)
            return values.reduce(0, +)
        }
        return layer.rescaled(sums, rescale) { index in max(0, counts[index] - 1) }
    }
}
