/// Input normalisation folded forward: a per-channel affine map x·s + t of the model input whose
/// only reader is a Dense layer or a convolution without padding becomes part of that layer's
/// weights and bias — W'[o, c, k] = W[o, c, k]·s_c, b'[o] = b[o] + Σ_{c, k} W[o, c, k]·t_c — which
/// is exact because every tap of such a layer reads a real input value. (With padding, the
/// padded zeros of the normalised input would be −t/s in the raw one, so it stays a layer.)
enum AffineFolding {
    static func apply(_ nodes: inout [FloatNode], inputName: String, graphOutput: String) {
        mergeChains(&nodes, graphOutput: graphOutput)
        while let index = nodes.firstIndex(where: { node in
            guard case .batchNormalization = node.operation, node.inputs == [inputName] else { return false }
            return foldable(node, nodes, graphOutput) != nil
        }), let reader = foldable(nodes[index], nodes, graphOutput), case let .batchNormalization(scale, shift) = nodes[index].operation {
            nodes[reader].operation = folded(nodes[reader].operation, scale: scale, shift: shift)
            nodes[reader].inputs = [inputName]
            nodes.remove(at: index)
        }
    }

    /// (x·s₁ + t₁)·s₂ + t₂ = x·s₁s₂ + (t₁s₂ + t₂): an affine map whose only reader is another
    /// one (`Sub` then `Div`) becomes one map.
    static func mergeChains(_ nodes: inout [FloatNode], graphOutput: String) {
        while let index = nodes.indices.first(where: { index in
            guard case .batchNormalization = nodes[index].operation,
                  let reader = TranspositionFolding.soleReader(of: nodes[index].output, in: nodes, graphOutput: graphOutput),
                  case .batchNormalization = nodes[reader].operation else { return false }
            return true
        }), let reader = TranspositionFolding.soleReader(of: nodes[index].output, in: nodes, graphOutput: graphOutput),
            case let .batchNormalization(s1, t1) = nodes[index].operation, case let .batchNormalization(s2, t2) = nodes[reader].operation {
            let scale = zip(s1, s2).map { $0 * $1 }
            let shift = (0..<t1.count).map { Float(Double(t1[$0]) * Double(s2[$0]) + Double(t2[$0])) }
            nodes[reader].operation = .batchNormalization(scale: scale, shift: shift)
            nodes[reader].inputs = nodes[index].inputs
            nodes.remove(at: index)
        }
    }

    static func foldable(_ affine: FloatNode, _ nodes: [FloatNode], _ graphOutput: String) -> Int? {
        guard let reader = TranspositionFolding.soleReader(of: affine.output, in: nodes, graphOutput: graphOutput) else { return nil }
        switch nodes[reader].operation {
        case let .dense(weight, _): return affine.outputShape.count == 2 && weight.shape[1] == affine.outputShape[1] ? reader : nil
        case let .conv(_, _, geometry):
            let unpadded = geometry.padTop == 0 && geometry.padLeft == 0 && geometry.padBottom == 0 && geometry.padRight == 0
            return unpadded && affine.outputShape.count == 4 ? reader : nil
        default: return nil
        }
    }

    /// W scaled along its input channels (axis 1) and the shifts pushed through it into the bias.
    static func folded(_ operation: FloatOperation, scale: [Float], shift: [Float]) -> FloatOperation {
        func fold(_ weight: Tensor<Float>, _ bias: [Float]) -> (Tensor<Float>, [Float]) {
            let outputs = weight.shape[0], channels = weight.shape[1], taps = weight.count / (outputs * channels)
            var scalars = weight.scalars, newBias = bias.map(Double.init)
            for o in 0..<outputs {
                for c in 0..<channels {
                    for k in 0..<taps {
                        let index = (o * channels + c) * taps + k
                        newBias[o] += Double(weight.scalars[index]) * Double(shift[c])
                        scalars[index] = weight.scalars[index] * scale[c]
                    }
                }
            }
            return (Tensor(shape: weight.shape, scalars: scalars), newBias.map(Float.init))
        }
        switch operation {
        case let .dense(weight, bias):
            let (w, b) = fold(weight, bias)
            return .dense(weight: w, bias: b)
        case let .conv(weight, bias, geometry):
            let (w, b) = fold(weight, bias)
            return .conv(weight: w, bias: b, geometry: geometry)
        default:
            return operation
        }
    }
}
