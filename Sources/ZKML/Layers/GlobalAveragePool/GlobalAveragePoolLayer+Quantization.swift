extension GlobalAveragePoolLayer {
    /// One multiplier s_in / (s_out·H·W).
    static func quantize(_ q: LayerQuantization) throws(ModelImportError) -> QuantizedLayer {
        let area = Double(q.outputShape.count >= 2 && q.inputShape.count == 4 ? q.inputShape[2] * q.inputShape[3] : 1)
        return q.layer(.globalAveragePool(rescale: try q.rescale([q.inputScale / (q.outputScale * area)])), scale: q.outputScale)
    }
}
