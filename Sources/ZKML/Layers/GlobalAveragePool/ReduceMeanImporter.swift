/// ReduceMean over the two spatial axes of an NCHW tensor: global average pooling as the dynamo
/// exporter writes `AdaptiveAvgPool2d(1)` and `x.mean((2, 3))`. Axes are an attribute up to
/// opset 17 and a constant int64 input from opset 18.
enum ReduceMeanImporter: ONNXOperatorImporter {
    static let opType = "ReduceMean"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axes", "keepdims", "noop_with_empty_axes"])
        let shape = try node.shape(ofInput: 0)
        guard shape.count == 4, shape[0] == 1 else { throw node.shapeError("needs input [1, C, H, W], got \(shape)") }
        var axes = try node.ints("axes") ?? []
        if node.inputs.count > 1 { axes = try ShapeArithmetic.integers(node, input: 1) }
        let normalized = Set(axes.map { $0 < 0 ? $0 + shape.count : $0 })
        guard normalized == [2, 3], axes.count == 2 else {
            throw node.unsupported("axes", "\(axes)", "the spatial axes [2, 3] (or [-2, -1]) of an NCHW tensor")
        }
        let keepDimensions = try node.int("keepdims", default: 1)
        guard keepDimensions == 0 || keepDimensions == 1 else { throw node.unsupported("keepdims", "\(keepDimensions)", "0 or 1") }
        let outputShape = keepDimensions == 1 ? [1, shape[1], 1, 1] : [1, shape[1]]
        return .operation(.globalAveragePool, inputs: [node.inputs[0]], outputShape: outputShape)
    }
}
