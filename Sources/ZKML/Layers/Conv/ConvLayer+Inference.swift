extension ConvLayer {
    /// acc[o, y, x] = bias[o] + Σ_{c, ky, kx} W[o, c, ky, kx]·in[c, y', x'] over the window's
    /// in-image positions, in int64, then the rescale of channel o.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32], geometry: PoolGeometry,
                         rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        let outputShape = layer.outputShape
        let (channels, height, width) = (x.shape[1], x.shape[2], x.shape[3])
        let (outChannels, outHeight, outWidth) = (outputShape[1], outputShape[2], outputShape[3])
        var accumulators = [Int64](repeating: 0, count: outChannels * outHeight * outWidth)
        for o in 0..<outChannels {
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var sum = Int64(bias[o])
                    geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { ky, kx, y, xx in
                        for c in 0..<channels {
                            let w = weights.scalars[((o * channels + c) * geometry.kernelHeight + ky) * geometry.kernelWidth + kx]
                            sum += Int64(w) * Int64(x.scalars[(c * height + y) * width + xx])
                        }
                    }
                    accumulators[(o * outHeight + oy) * outWidth + ox] = sum
                }
            }
        }
        let area = outHeight * outWidth
        return layer.rescaled(accumulators, rescale) { index in index / area }
    }
}
