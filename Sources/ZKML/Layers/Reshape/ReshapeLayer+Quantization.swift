extension ReshapeLayer {
    /// A relabelling keeps its input's scale.
    static func quantize(_ q: LayerQuantization) -> QuantizedLayer {
        q.layer(.reshape, scale: q.inputScale)
    }
}
