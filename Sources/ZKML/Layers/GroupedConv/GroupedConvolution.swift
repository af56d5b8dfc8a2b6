/// The convolution loop shared by the float reference and the integer inference of Conv and
/// GroupedConv (a Conv is one group): for every output channel o, pixel and in-image window tap,
/// the sum of weight·input over the C/G input channels of o's group, in the accumulator type
/// (Double for the reference, Int64 for inference), plus bias[o].
enum GroupedConvolution {
    @inlinable
    static func accumulate<Accumulator: Numeric>(
        input: (channels: Int, height: Int, width: Int), outputShape: [Int], geometry: PoolGeometry, groups: Int,
        bias: (Int) -> Accumulator, weight: (Int) -> Accumulator, value: (Int) -> Accumulator
    ) -> [Accumulator] {
        let (outChannels, outHeight, outWidth) = (outputShape[1], outputShape[2], outputShape[3])
        let groupInputs = input.channels / groups, groupOutputs = outChannels / groups
        var result = [Accumulator](repeating: 0, count: outChannels * outHeight * outWidth)
        for o in 0..<outChannels {
            let firstInput = o / groupOutputs * groupInputs
            for oy in 0..<outHeight {
                for ox in 0..<outWidth {
                    var sum = bias(o)
                    geometry.forEachInput(outputY: oy, outputX: ox, height: input.height, width: input.width) { ky, kx, y, x in
                        for i in 0..<groupInputs {
                            let w = weight(((o * groupInputs + i) * geometry.kernelHeight + ky) * geometry.kernelWidth + kx)
                            sum += w * value(((firstInput + i) * input.height + y) * input.width + x)
                        }
                    }
                    result[(o * outHeight + oy) * outWidth + ox] = sum
                }
            }
        }
        return result
    }
}
