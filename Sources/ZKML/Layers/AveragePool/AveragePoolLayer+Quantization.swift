extension AveragePoolLayer {
    /// One multiplier per window element count n (1…kh·kw): s_in / (s_out·n), so windows cut by
    /// the image border average over their in-image elements.
    static func quantize(_ q: LayerQuantization, geometry: PoolGeometry) throws(ModelImportError) -> QuantizedLayer {
        let window = geometry.kernelHeight * geometry.kernelWidth
        let multipliers = (1...window).map { q.inputScale / (q.outputScale * Double($0)) }
        return q.layer(.averagePool(geometry, rescale: try q.rescale(multipliers)), scale: q.outputScale)
    }
}
