enum GlobalAveragePoolImporter: ONNXOperatorImporter {
    static let opType = "GlobalAveragePool"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        let shape = try node.shape(ofInput: 0)
        guard shape.count == 4, shape[0] == 1 else { throw node.shapeError("needs input [1, C, H, W], got \(shape)") }
        return .operation(.globalAveragePool, inputs: [node.inputs[0]], outputShape: [1, shape[1], 1, 1])
    }
}
