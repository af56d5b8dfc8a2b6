extension ActivationFunction {
    /// The int8 table at the function's output scale (fixed for bounded functions, else the
    /// calibrated one).
    func quantize(_ q: LayerQuantization) -> QuantizedLayer {
        let tableScale = kind.outputScale(calibrated: q.outputScale)
        let table = kind.table(inputScale: q.inputScale, outputScale: tableScale)
        return q.layer(.lookup(table: table, function: name), scale: tableScale)
    }
}
