/// Operators that only rename or drop a tensor: Identity, Dropout (inference) and a trailing Softmax.
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

/// A trailing LogSoftmax (PyTorch classifiers trained with NLLLoss end in one) is dropped like a
/// Softmax: the logits are proven, and their argmax is the same.
enum LogSoftmaxImporter: ONNXOperatorImporter {
    static let opType = "LogSoftmax"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode { try SoftmaxImporter.importNode(node) }
}

/// Constant: its `value` tensor (or `value_float(s)` / `value_int(s)`) becomes an initializer, so
/// the weights, biases and shapes that TorchScript exports as Constant nodes import like stored ones.
enum ConstantImporter: ONNXOperatorImporter {
    static let opType = "Constant"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["value", "value_float", "value_floats", "value_int", "value_ints"])
        guard node.proto.attribute.count == 1, let attribute = node.proto.attribute.first else {
            throw node.unsupported("value", "\(node.proto.attribute.count) value attributes", "exactly one")
        }
        switch attribute.name {
        case "value":
            var tensor = attribute.t
            if tensor.name.isEmpty { tensor.name = node.name }
            return .constant(try node.context.decoder.constant(tensor))
        case "value_float", "value_floats":
            let values = attribute.name == "value_float" ? [attribute.f] : attribute.floats
            guard values.allSatisfy({ $0.isFinite }) else { throw node.unsupported(attribute.name, "NaN or infinity", "finite values") }
            return .constant(.floats(Tensor(shape: attribute.name == "value_float" ? [] : [values.count], scalars: values)))
        case "value_int": return .constant(.integers([Int(clamping: attribute.i)]))
        default: return .constant(.integers(attribute.ints.map { Int(clamping: $0) }))
        }
    }
}
