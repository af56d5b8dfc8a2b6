extension GlobalAveragePoolLayer {
    /// Each channel's sum over H×W, rescaled by the one multiplier.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        let channels = x.shape[1]
        let area = x.count / channels
        let sums = (0..<channels).map { c in x.scalars[(c * area)..<((c + 1) * area)].reduce(Int64(0)) { $0 + Int64($1) } }
        return layer.rescaled(sums, rescale) { _ in 0 }
    }
}
