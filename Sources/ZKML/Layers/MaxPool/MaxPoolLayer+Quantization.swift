extension MaxPoolLayer {
    /// No arithmetic: the output keeps the input's scale. Windows that tile the input (power-of-two
    /// sized, equal to the stride, unpadded) are one MaxPool layer; any other window is split by
    /// axis (the max over a rectangle is the max over its rows of the max over its columns), each
    /// axis a Windows gather into power-of-two tiles and a tiling MaxPool over them, so that every
    /// max the proof checks has at most one axis' window of elements. `firstTensor` is the tensor
    /// index the first returned layer's output will have.
    static func quantize(_ q: LayerQuantization, geometry: PoolGeometry, firstTensor: Int) -> [QuantizedLayer] {
        let input = q.inputShape
        guard input.count == 4, !tiles(geometry, input) else { return [q.layer(.maxPool(geometry), scale: q.inputScale)] }
        let columns = PoolGeometry(kernel: (1, geometry.kernelWidth), strides: (1, geometry.strideWidth),
                                   pads: (0, geometry.padLeft, 0, geometry.padRight))
        let rows = PoolGeometry(kernel: (geometry.kernelHeight, 1), strides: (geometry.strideHeight, 1),
                                pads: (geometry.padTop, 0, geometry.padBottom, 0))
        var layers = [QuantizedLayer]()
        var source = q.inputs[0].index, shape = input
        for (axis, stage) in [("columns", columns), ("rows", rows)] where !isIdentity(stage) {
            let tiles = WindowTiles(stage)
            guard let gathered = tiles.outputShape(input: shape),
                  let pooled = stage.outputSize(height: shape[2], width: shape[3]) else { break }
            let tile = PoolGeometry(kernel: (tiles.tileHeight, tiles.tileWidth), strides: (tiles.tileHeight, tiles.tileWidth))
            layers.append(QuantizedLayer(name: "\(q.name)/\(axis)", operation: .windows(stage), inputs: [source],
                                         outputShape: gathered, outputScale: q.inputScale))
            layers.append(QuantizedLayer(name: "\(q.name)/\(axis) max", operation: .maxPool(tile), inputs: [firstTensor + layers.count - 1],
                                         outputShape: [shape[0], shape[1], pooled.height, pooled.width], outputScale: q.inputScale))
            source = firstTensor + layers.count - 1
            shape = layers[layers.count - 1].outputShape
        }
        guard shape == q.outputShape, !layers.isEmpty else { return [q.layer(.maxPool(geometry), scale: q.inputScale)] }
        layers[layers.count - 1].name = q.name
        return layers
    }

    /// Power-of-two windows equal to the stride, unpadded, tiling the input: the MaxPool
    /// protocol's own case.
    static func tiles(_ geometry: PoolGeometry, _ input: [Int]) -> Bool {
        let (kh, kw) = (geometry.kernelHeight, geometry.kernelWidth)
        return kh.nonzeroBitCount == 1 && kw.nonzeroBitCount == 1 && geometry.strideHeight == kh && geometry.strideWidth == kw
            && geometry.padTop == 0 && geometry.padLeft == 0 && geometry.padBottom == 0 && geometry.padRight == 0
            && input[2] % kh == 0 && input[3] % kw == 0
    }

    static func isIdentity(_ geometry: PoolGeometry) -> Bool {
        geometry == PoolGeometry(kernel: (1, 1))
    }
}
