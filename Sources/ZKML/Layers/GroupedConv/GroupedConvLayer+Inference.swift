extension GroupedConvLayer {
    /// acc[o, y, x] = bias[o] + Σ_{i, ky, kx} W[o, i, ky, kx]·in[g(o)·C/G + i, y', x'] in int64,
    /// then the rescale of channel o.
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32], geometry: PoolGeometry,
                         groups: Int, rescale: Rescale) -> (Tensor<Int8>, LayerWitness) {
        let (height, width) = (x.shape[2], x.shape[3])
        let (outChannels, outHeight, outWidth) = (layer.outputShape[1], layer.outputShape[2], layer.outputShape[3])
        let groupInputs = weights.shape[1], groupOutputs = outChannels / groups
        var accumulators = [Int64](repeating: 0, count: outChannels * outHeight * outWidth)
        for o in 0..<outChannels {
            let firstInput = o / groupOutputs * groupInputs
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var sum = Int64(bias[o])
                    geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { ky, kx, y, xx in
                        for i in 0..<groupInputs {
                            let w = weights.scalars[((o * groupInputs + i) * geometry.kernelHeight + ky) * geometry.kernelWidth + kx]
                            sum += Int64(w) * Int64(x.scalars[((firstInput + i) * height + y) * width + xx])
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
