extension ConvLayer {
    /// 2-D convolution over NCHW (group 1), summed in Double.
    static func reference(_ x: Tensor<Float>, weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry, outputShape: [Int])
        -> Tensor<Float> {
        let (channels, height, width) = (x.shape[1], x.shape[2], x.shape[3])
        let (outChannels, outHeight, outWidth) = (outputShape[1], outputShape[2], outputShape[3])
        var result = [Float](repeating: 0, count: outChannels * outHeight * outWidth)
        for o in 0..<outChannels {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var sum = Double(bias[o])
                    geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { ky, kx, y, xx in
                        for c in 0..<channels {
                            let w = weight.scalars[((o * channels + c) * geometry.kernelHeight + ky) * geometry.kernelWidth + kx]
                            sum += Double(w) * Double(x.scalars[(c * height + y) * width + xx])
                        }
                    }
                    result[(o * outHeight + oy) * outWidth + ox] = Float(sum)
                }
            }
        }
        return Tensor(shape: outputShape, scalars: result)
    }
}
