enum PoolingReference {
    /// `reduce` applied to each window's in-image values (NCHW), in output order.
    static func pool(_ x: Tensor<Float>, outputShape: [Int], geometry: PoolGeometry, _ reduce: ([Float]) -> Float) -> Tensor<Float> {
        let (channels, height, width) = (x.shape[1], x.shape[2], x.shape[3])
        let (outHeight, outWidth) = (outputShape[2], outputShape[3])
        var result = [Float](repeating: 0, count: channels * outHeight * outWidth)
        var window = [Float]()
        for c in 0..<channels {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    window.removeAll(keepingCapacity: true)
                    geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { _, _, y, xx in
                        window.append(x.scalars[(c * height + y) * width + xx])
                    }
                    result[(c * outHeight + oy) * outWidth + ox] = reduce(window)
                }
            }
        }
        return Tensor(shape: outputShape, scalars: result)
    }
}
