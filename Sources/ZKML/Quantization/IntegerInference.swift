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

/// The quantization of the network's input and output: scales and shapes only, so a circuit
/// skeleton has them too.
extension QuantizedNetwork {
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
}

/// The integer reference engine. It is the witness generator too: the prover reuses this trace
/// and never recomputes a layer its own way, so inference and proof cannot drift apart.
extension QuantizedModel {

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
    /// This layer on `inputs`: forwards to its kind's `evaluate` in `Layers/<Kind>/`.
    func evaluate(_ inputs: [Tensor<Int8>]) -> (Tensor<Int8>, LayerWitness) {
        let x = inputs[0]
        switch operation {
        case let .dense(weights, bias, rescale): return DenseLayer.evaluate(self, x, weights: weights, bias: bias, rescale: rescale)
        case let .conv(weights, bias, geometry, rescale):
            return ConvLayer.evaluate(self, x, weights: weights, bias: bias, geometry: geometry, rescale: rescale)
        case let .groupedConv(weights, bias, geometry, groups, rescale):
            return GroupedConvLayer.evaluate(self, x, weights: weights, bias: bias, geometry: geometry, groups: groups, rescale: rescale)
        case let .maxPool(geometry): return MaxPoolLayer.evaluate(self, x, geometry: geometry)
        case let .averagePool(geometry, rescale): return AveragePoolLayer.evaluate(self, x, geometry: geometry, rescale: rescale)
        case let .globalAveragePool(rescale): return GlobalAveragePoolLayer.evaluate(self, x, rescale: rescale)
        case let .add(rescale): return AddLayer.evaluate(self, x, inputs[1], rescale: rescale)
        case let .concat(rescale): return ConcatLayer.evaluate(self, inputs, rescale: rescale)
        case let .channelSlice(start): return ChannelSliceLayer.evaluate(self, x, start: start)
        case let .transpose(permutation): return TransposeLayer.evaluate(self, x, permutation: permutation)
        case let .lookup(table, _): return LookupLayer.evaluate(self, x, table: table)
        case .reshape: return ReshapeLayer.evaluate(self, x)
        case let .windows(geometry): return WindowsLayer.evaluate(self, x, geometry: geometry)
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
}
