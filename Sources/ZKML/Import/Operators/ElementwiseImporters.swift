import Foundation

/// Operators that keep their input's shape: Relu, Clip, BatchNormalization (table activations
/// such as Sigmoid import through `TableActivationImporter`).
enum ReluImporter: ONNXOperatorImporter {
    static let opType = "Relu"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode { try unary(node, .relu) }
}

/// An attribute-free operator applied elementwise to its one input.
private func unary(_ node: ONNXNode, _ operation: FloatOperation) throws(ModelImportError) -> ImportedNode {
    try node.rejectUnknownAttributes([])
    let shape = try node.shape(ofInput: 0)  // before inputs[0]: throws when there is no input
    return .operation(operation, inputs: [node.inputs[0]], outputShape: shape)
}

/// Clip (opset ≥ 11): optional constant `min` and `max` inputs; an empty name means absent.
enum ClipImporter: ONNXOperatorImporter {
    static let opType = "Clip"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        let raw = node.proto.input
        func bound(_ position: Int, _ fallback: Float) throws(ModelImportError) -> Float {
            guard position < raw.count, !raw[position].isEmpty else { return fallback }
            guard let tensor = node.context.initializers[raw[position]], tensor.count == 1 else {
                throw .missingInitializer(node: node.name, tensor: raw[position])
            }
            return tensor.scalars[0]
        }
        let shape = try node.shape(ofInput: 0)  // before inputs[0]: throws when there is no input
        let minimum = try bound(1, -.infinity), maximum = try bound(2, .infinity)
        guard minimum <= maximum else { throw node.unsupported("min/max", "\(minimum) > \(maximum)", "min ≤ max") }
        return .operation(.clip(minimum: minimum, maximum: maximum), inputs: [node.inputs[0]], outputShape: shape)
    }
}

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

/// Identity and Dropout (inference) are names for their input.
enum IdentityImporter: ONNXOperatorImporter {
    static let opType = "Identity"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        _ = try node.shape(ofInput: 0)
        return .alias(of: node.inputs[0])
    }
}

enum DropoutImporter: ONNXOperatorImporter {
    static let opType = "Dropout"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["seed", "ratio"])
        _ = try node.shape(ofInput: 0)
        if node.proto.input.count > 2, !node.proto.input[2].isEmpty {
            guard let mode = node.context.initializers[node.proto.input[2]], mode.scalars.allSatisfy({ $0 == 0 }) else {
                throw node.unsupported("training_mode", "not a constant false", "false (inference)")
            }
        }
        return .alias(of: node.inputs[0])
    }
}

enum SoftmaxImporter: ONNXOperatorImporter {
    static let opType = "Softmax"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        _ = try node.shape(ofInput: 0)
        return .softmax(of: node.inputs[0])
    }
}
