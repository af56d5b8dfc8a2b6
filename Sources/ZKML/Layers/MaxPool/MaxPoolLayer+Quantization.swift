extension MaxPoolLayer {
    /// No arithmetic: the output keeps the input's scale.
    static func quantize(_ q: LayerQuantization, geometry: PoolGeometry) -> QuantizedLayer {
        q.layer(.maxPool(geometry), scale: q.inputScale)
    }
}
