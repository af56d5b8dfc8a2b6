extension ConcatLayer {
    /// The output's scale covers every input; channel c of input s gets multiplier s_s / s_out, so
    /// inputs calibrated to different ranges are brought to one scale exactly as a rescale rounds.
    static func quantize(_ q: LayerQuantization, inputShapes: [[Int]]) throws(ModelImportError) -> QuantizedLayer {
        let multipliers = zip(q.inputs, inputShapes).flatMap { input, shape in
            [Double](repeating: input.scale / q.outputScale, count: shape[1])
        }
        return q.layer(.concat(rescale: try q.rescale(multipliers)), scale: q.outputScale)
    }
}
