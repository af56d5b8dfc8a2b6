/// Cast, as exporters write it around the proven part: to float32 of a float32 tensor (skl2onnx
/// starts every model with one) is a renaming, and a cast of an int64 constant to int64 folds.
/// Any other cast of an activation changes values the int8 circuit would not reproduce.
enum CastImporter: ONNXOperatorImporter {
    static let opType = "Cast"
    static let float32 = 1, int64 = 7

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["to", "saturate", "round_mode"])
        let target = try node.int("to", default: 0)
        guard node.inputs.count == 1 else { throw node.shapeError("expects one input, has \(node.inputs.count)") }
        if let integers = node.context.integerInitializers[node.inputs[0]] {
            guard target == int64 else { throw node.unsupported("to", "\(target)", "7 (int64) for an int64 constant") }
            return .constant(.integers(integers))
        }
        _ = try node.shape(ofInput: 0)
        guard target == float32 else { throw node.unsupported("to", "\(target)", "1 (float32) for a float32 tensor") }
        return .alias(of: node.inputs[0])
    }
}
