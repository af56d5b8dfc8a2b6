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
