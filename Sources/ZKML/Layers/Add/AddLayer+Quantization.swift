extension AddLayer {
    /// Multipliers s_a/s_out and s_b/s_out bring both addends to the output's scale.
    static func quantize(_ q: LayerQuantization) throws(ModelImportError) -> QuantizedLayer {
        let multipliers = [q.inputs[0].scale / q.outputScale, q.inputs[1].scale / q.outputScale]
        return q.layer(.add(rescale: try q.rescale(multipliers)), scale: q.outputScale)
    }
}
