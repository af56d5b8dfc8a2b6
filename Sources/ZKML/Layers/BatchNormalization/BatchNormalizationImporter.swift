/// Inference-mode BatchNormalization over axis 1 with constant statistics.
enum BatchNormalizationImporter: ONNXOperatorImporter {
    static let opType = "BatchNormalization"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["epsilon", "momentum", "training_mode", "spatial"])
        let training = try node.int("training_mode", default: 0)
        guard training == 0 else { throw node.unsupported("training_mode", "\(training)", "0") }
        let shape = try node.shape(ofInput: 0)
        guard shape.count >= 2 else { throw node.shapeError("needs a channel axis, got shape \(shape)") }
        let channels = shape[1]
        let epsilon = Double(node.float("epsilon", default: 1e-5))
        let gamma = try node.constant(1), beta = try node.constant(2)
        let mean = try node.constant(3), variance = try node.constant(4)
        for (label, tensor) in [("scale", gamma), ("B", beta), ("mean", mean), ("var", variance)] where tensor.count != channels {
            throw node.shapeError("\(label) has \(tensor.count) values for \(channels) channels")
        }
        var scale = [Float](), shift = [Float]()
        for c in 0..<channels {
            guard variance.scalars[c] >= 0 else { throw node.unsupported("var", "\(variance.scalars[c])", "non-negative variances") }
            let s = Double(gamma.scalars[c]) / (Double(variance.scalars[c]) + epsilon).squareRoot()
            let channelScale = Float(s), channelShift = Float(Double(beta.scalars[c]) - Double(mean.scalars[c]) * s)
            // var + ε ≤ 0 (a zero or negative ε) or float32 overflow would put inf/NaN in the graph.
            guard channelScale.isFinite, channelShift.isFinite else {
                throw node.unsupported("epsilon", "\(epsilon)", "var + epsilon > 0 and a finite γ/√(var + ε) (channel \(c): var \(variance.scalars[c]))")
            }
            scale.append(channelScale)
            shift.append(channelShift)
        }
        return .operation(.batchNormalization(scale: scale, shift: shift), inputs: [node.inputs[0]], outputShape: shape)
    }
}
