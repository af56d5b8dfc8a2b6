/// ReLU and Clip (opset ≥ 11: optional constant min and max inputs).
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
