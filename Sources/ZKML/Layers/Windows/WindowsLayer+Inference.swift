extension WindowsLayer {
    /// out[c, Y, X] = x[c, rows[Y], columns[X]]: a gather, no arithmetic.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, geometry: PoolGeometry) -> (Tensor<Int8>, LayerWitness) {
        let tiles = WindowTiles(geometry)
        let (channels, height, width) = (x.shape[1], x.shape[2], x.shape[3])
        let (outHeight, outWidth) = (layer.outputShape[2], layer.outputShape[3])
        let rows = tiles.sourceRows(inputHeight: height, outputHeight: outHeight)
        let columns = tiles.sourceColumns(inputWidth: width, outputWidth: outWidth)
        var scalars = [Int8]()
        scalars.reserveCapacity(channels * outHeight * outWidth)
        for c in 0..<channels {
            for row in rows {
                let base = (c * height + row) * width
                for column in columns { scalars.append(x.scalars[base + column]) }
            }
        }
        return (Tensor(shape: layer.outputShape, scalars: scalars), .none)
    }
}
