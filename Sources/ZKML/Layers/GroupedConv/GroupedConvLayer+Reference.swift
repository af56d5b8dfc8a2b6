extension GroupedConvLayer {
    /// Grouped 2-D convolution over NCHW: output channel o reads the input channels of its group,
    /// g(o)·C/G … (g(o) + 1)·C/G − 1; weight shape [O, C/G, kH, kW]. Summed in Double.
    static func reference(_ x: Tensor<Float>, weight: Tensor<Float>, bias: [Float], geometry: PoolGeometry, groups: Int,
                          outputShape: [Int]) -> Tensor<Float> {
        let (height, width) = (x.shape[2], x.shape[3])
        let (outChannels, outHeight, outWidth) = (outputShape[1], outputShape[2], outputShape[3])
        let groupInputs = weight.shape[1], groupOutputs = outChannels / groups
        var result = [Float](repeating: 0, count: outChannels * outHeight * outWidth)
        for o in 0..<outChannels {
            let firstInput = o / groupOutputs * groupInputs
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var sum = Double(bias[o])
                    geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { ky, kx, y, xx in
                        for i in 0..<groupInputs {
                            let w = weight.scalars[((o * groupInputs + i) * geometry.kernelHeight + ky) * geometry.kernelWidth + kx]
                            sum += Double(w) * Double(x.scalars[((firstInput + i) * height + y) * width + xx])
                        }
                    }
                    result[(o * outHeight + oy) * outWidth + ox] = Float(sum)
                }
            }
        }
        return Tensor(shape: outputShape, scalars: result)
    }
}
