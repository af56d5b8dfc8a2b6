extension ConcatLayer {
    /// acc = the inputs one after another along the channels; each channel is then rescaled from
    /// its input's scale to the output's (multiplier per output channel).
    static func evaluate(_ layer: QuantizedLayer, _ inputs: [Tensor<Int8>], rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        let accumulators = inputs.flatMap { $0.scalars.map(Int64.init) }
        let area = layer.outputShape.dropFirst(2).reduce(1, *)
        return layer.rescaled(accumulators, rescale) { index in index / area }
    }
}
