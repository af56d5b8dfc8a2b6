import Foundation

/// Float reference semantics of each operation (batch size 1, NCHW). Sums accumulate in Double
/// so the reference is at least as accurate as onnxruntime's float32 kernels.
extension FloatOperation {
    /// Precondition: input shapes were validated by the importer (`FloatNode.outputShape`).
    public func evaluate(_ inputs: [Tensor<Float>], outputShape: [Int]) -> Tensor<Float> {
        let x = inputs[0]
        switch self {
        case let .dense(weight, bias):
            let outputs = weight.shape[0], width = weight.shape[1]
            let rows = x.count / width
            var result = [Float](repeating: 0, count: rows * outputs)
            for row in 0..<rows {
                for o in 0..<outputs {
                    var sum = Double(bias[o])
                    for i in 0..<width { sum += Double(weight.scalars[o * width + i]) * Double(x.scalars[row * width + i]) }
                    result[row * outputs + o] = Float(sum)
                }
            }
            return Tensor(shape: outputShape, scalars: result)

        case let .conv(weight, bias, geometry):
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

        case .relu:
            return Tensor(shape: outputShape, scalars: x.scalars.map { max($0, 0) })

        case let .clip(minimum, maximum):
            return Tensor(shape: outputShape, scalars: x.scalars.map { min(max($0, minimum), maximum) })

        case let .maxPool(geometry):
            return Self.pool(x, outputShape: outputShape, geometry: geometry) { values in values.max() ?? 0 }

        case let .averagePool(geometry):
            return Self.pool(x, outputShape: outputShape, geometry: geometry) { values in
                Float(values.reduce(0.0) { $0 + Double($1) } / Double(max(1, values.count)))
            }

        case .globalAveragePool:
            let channels = x.shape[1]
            let area = x.count / channels
            let result = (0..<channels).map { c in
                Float(x.scalars[(c * area)..<((c + 1) * area)].reduce(0.0) { $0 + Double($1) } / Double(area))
            }
            return Tensor(shape: outputShape, scalars: result)

        case .reshape:
            return Tensor(shape: outputShape, scalars: x.scalars)

        case .add:
            return Tensor(shape: outputShape, scalars: zip(x.scalars, inputs[1].scalars).map { $0 + $1 })

        case let .batchNormalization(scale, shift):
            let channels = x.shape[1]
            let area = x.count / channels
            var result = x.scalars
            for c in 0..<channels {
                for i in (c * area)..<((c + 1) * area) { result[i] = Float(Double(result[i]) * Double(scale[c]) + Double(shift[c])) }
            }
            return Tensor(shape: outputShape, scalars: result)

        case let .activation(function):
            return Tensor(shape: outputShape, scalars: x.scalars.map { Float(function.evaluate(Double($0))) })
        }
    }

    static func pool(
        _ x: Tensor<Float>, outputShape: [Int], geometry: PoolGeometry, _ reduce: ([Float]) -> Float
    ) -> Tensor<Float> {
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

extension FloatGraph {
    /// Runs the graph on one flattened input; returns every named tensor (for calibration) and
    /// the output. Precondition: `input.count` matches the input shape (callers validate).
    public func evaluateAll(_ input: [Float]) -> [String: Tensor<Float>] {
        var values = [inputName: Tensor(shape: inputShape, scalars: input)]
        for node in nodes {
            let arguments = node.inputs.compactMap { values[$0] }
            values[node.output] = node.operation.evaluate(arguments, outputShape: node.outputShape)
        }
        return values
    }

    public func evaluate(_ input: [Float]) -> Tensor<Float> {
        evaluateAll(input)[outputName] ?? Tensor(shape: [0], scalars: [])
    }
}
