/// What one layer computed besides its int8 output: the int64 accumulators and the quotients
/// before clamping, which the prover commits as witness columns.
public struct LayerWitness: Sendable, Equatable {
    public var accumulators: [Int64]
    public var quotients: [Int64]

    public static let none = LayerWitness(accumulators: [], quotients: [])
}

/// Every intermediate value of one exact integer inference.
public struct InferenceTrace: Sendable, Equatable {
    /// tensors[0] is the input; tensors[k + 1] the output of layer k.
    public var tensors: [Tensor<Int8>]
    public var witnesses: [LayerWitness]

    public var output: Tensor<Int8> { tensors[tensors.count - 1] }
}

/// The integer reference engine. It is the witness generator too: the prover reuses this trace
/// and never recomputes a layer its own way, so inference and proof cannot drift apart.
extension QuantizedModel {
    /// q = clamp(round_half_even(x / s_in), −128, 127). Precondition: `input.count` matches.
    public func quantizeInput(_ input: [Float]) -> Tensor<Int8> {
        Tensor(shape: inputShape, scalars: input.map { value in
            let scaled = (Double(value) / inputScale).rounded(.toNearestOrEven)
            return Int8(Swift.min(127, Swift.max(-128, scaled.isNaN ? 0 : scaled)))
        })
    }

    public func dequantizeOutput(_ output: Tensor<Int8>) -> [Float] {
        output.scalars.map { Float(Double($0) * outputScale) }
    }

    /// Runs every layer exactly. Precondition: `input.shape == inputShape`.
    public func infer(_ input: Tensor<Int8>) -> InferenceTrace {
        precondition(input.shape == inputShape, "input shape \(input.shape), model expects \(inputShape)")
        var tensors = [input]
        var witnesses = [LayerWitness]()
        for layer in layers {
            let arguments = layer.inputs.map { tensors[$0] }
            let (output, witness) = layer.evaluate(arguments)
            tensors.append(output)
            witnesses.append(witness)
        }
        return InferenceTrace(tensors: tensors, witnesses: witnesses)
    }
}

extension QuantizedLayer {
    func evaluate(_ inputs: [Tensor<Int8>]) -> (Tensor<Int8>, LayerWitness) {
        let x = inputs[0]
        switch operation {
        case let .dense(weights, bias, rescale):
            let outputs = weights.shape[0], width = weights.shape[1]
            let rows = x.count / width
            var accumulators = [Int64](repeating: 0, count: rows * outputs)
            weights.scalars.withUnsafeBufferPointer { w in
                x.scalars.withUnsafeBufferPointer { input in
                    for row in 0..<rows {
                        for o in 0..<outputs {
                            var sum = Int64(bias[o])
                            let weightRow = o * width, inputRow = row * width
                            for i in 0..<width { sum += Int64(w[weightRow + i]) * Int64(input[inputRow + i]) }
                            accumulators[row * outputs + o] = sum
                        }
                    }
                }
            }
            return rescaled(accumulators, rescale) { index in index % outputs }

        case let .conv(weights, bias, geometry, rescale):
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
            return rescaled(accumulators, rescale) { index in index / area }

        case let .maxPool(geometry):
            let result = windows(x, geometry) { values in values.max() ?? 0 }
            return (Tensor(shape: outputShape, scalars: result.map { Int8($0) }), .none)

        case let .averagePool(geometry, rescale):
            var counts = [Int]()
            let sums = windows(x, geometry) { values in
                counts.append(values.count)
                return values.reduce(0, +)
            }
            return rescaled(sums, rescale) { index in max(0, counts[index] - 1) }

        case let .globalAveragePool(rescale):
            let channels = x.shape[1]
            let area = x.count / channels
            let sums = (0..<channels).map { c in x.scalars[(c * area)..<((c + 1) * area)].reduce(Int64(0)) { $0 + Int64($1) } }
            return rescaled(sums, rescale) { _ in 0 }

        case let .add(rescale):
            let left = rescale.multipliers[0], right = rescale.multipliers[1]
            var accumulators = [Int64](repeating: 0, count: x.count)
            var quotients = accumulators
            var output = [Int8](repeating: 0, count: x.count)
            for i in 0..<x.count {
                let sum = Int64(x.scalars[i]) * left + Int64(inputs[1].scalars[i]) * right
                accumulators[i] = sum
                // The multipliers are already applied: the rescale divides by 2^S with rounding.
                let quotient = (sum + (Int64(1) << (rescale.shift - 1))) >> rescale.shift
                quotients[i] = quotient
                output[i] = Int8(min(max(quotient, rescale.lower), rescale.upper))
            }
            return (Tensor(shape: outputShape, scalars: output), LayerWitness(accumulators: accumulators, quotients: quotients))

        case let .lookup(table, _):
            return (Tensor(shape: outputShape, scalars: x.scalars.map { table[Int($0) + 128] }), .none)

        case .reshape:
            return (Tensor(shape: outputShape, scalars: x.scalars), .none)
        }
    }

    func rescaled(
        _ accumulators: [Int64], _ rescale: Rescale, multiplierIndex: (Int) -> Int
    ) -> (Tensor<Int8>, LayerWitness) {
        var quotients = [Int64](repeating: 0, count: accumulators.count)
        var output = [Int8](repeating: 0, count: accumulators.count)
        for (index, accumulator) in accumulators.enumerated() {
            let (quotient, value) = rescale.apply(accumulator, multiplierIndex: multiplierIndex(index))
            quotients[index] = quotient
            output[index] = Int8(value)
        }
        return (Tensor(shape: outputShape, scalars: output), LayerWitness(accumulators: accumulators, quotients: quotients))
    }

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
