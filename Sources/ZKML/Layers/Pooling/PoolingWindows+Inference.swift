extension QuantizedLayer {
    /// Applies `reduce` to each pooling window's in-image values, in output order.
    func windows(_ x: Tensor<Int8>, _ geometry: PoolGeometry, _ reduce: ([Int64]) -> Int64) -> [Int64] {
        let (channels, height, width) = (x.shape[1], x.shape[2], x.shape[3])
        let (outHeight, outWidth) = (outputShape[2], outputShape[3])
        var result = [Int64]()
        result.reserveCapacity(channels * outHeight * outWidth)
        var window = [Int64]()
        for c in 0..<channels {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    window.removeAll(keepingCapacity: true)
                    geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { _, _, y, xx in
                        window.append(Int64(x.scalars[(c * height + y) * width + xx]))
                    }
                    result.append(reduce(window))
                }
            }
        }
        return result
    }
}
