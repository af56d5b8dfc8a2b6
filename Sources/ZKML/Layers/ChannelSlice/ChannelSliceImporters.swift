/// Split of an activation along the channel axis (each part one ChannelSlice layer), and Slice of
/// an activation's channels with step 1 (what `torch.split`, `torch.chunk` and `x[:, a:b]` export).
enum SplitImporter: ONNXOperatorImporter {
    static let opType = "Split"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axis", "split", "num_outputs"])
        let shape = try node.shape(ofInput: 0)
        guard node.context.shapes[node.inputs[0]] != nil else {
            throw .unsupportedPattern(node: node.name, reason: "Split of a constant is not supported")
        }
        var axis = try node.int("axis", default: 0)
        if axis < 0 { axis += shape.count }
        guard shape.count >= 2, shape[0] == 1, axis == 1 else { throw node.unsupported("axis", "\(axis)", "1 (the channel axis of [1, C, …])") }
        let outputs = node.proto.output.count
        var sizes = try node.ints("split") ?? []
        if node.inputs.count > 1 { sizes = try ShapeArithmetic.integers(node, input: 1) }
        if sizes.isEmpty {
            // Equal parts, the last one smaller when C does not divide (opset 18's num_outputs).
            let part = (shape[1] + outputs - 1) / max(outputs, 1)
            sizes = (0..<outputs).map { min(part, shape[1] - $0 * part) }
        }
        guard sizes.count == outputs, sizes.allSatisfy({ $0 >= 1 }), sizes.reduce(0, +) == shape[1] else {
            throw node.unsupported("split", "\(sizes)", "\(outputs) positive sizes adding up to \(shape[1]) channels")
        }
        var start = 0
        let parts = sizes.map { size -> (operation: FloatOperation, outputShape: [Int]) in
            defer { start += size }
            var output = shape
            output[1] = size
            return (.channelSlice(start: start), output)
        }
        return .split(parts, input: node.inputs[0])
    }
}

extension ChannelSliceLayer {
    /// Slice of an activation along the channel axis only, step 1, constant bounds (clamped as
    /// ONNX does).
    static func importSlice(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        let shape = try node.shape(ofInput: 0)
        let starts = try ShapeArithmetic.integers(node, input: 1), ends = try ShapeArithmetic.integers(node, input: 2)
        let axes = node.inputs.count > 3 ? try ShapeArithmetic.integers(node, input: 3) : Array(0..<starts.count)
        let steps = node.inputs.count > 4 ? try ShapeArithmetic.integers(node, input: 4) : [Int](repeating: 1, count: starts.count)
        guard shape.count >= 2, shape[0] == 1, starts.count == 1, ends.count == 1, axes.count == 1, steps == [1],
              axes[0] == 1 || axes[0] == 1 - shape.count else {
            throw node.unsupported("axes, steps", "\(axes), \(steps)", "one slice of the channel axis (1) with step 1")
        }
        func clamped(_ value: Int) -> Int { min(max(value < 0 ? value + shape[1] : value, 0), shape[1]) }
        let (start, end) = (clamped(starts[0]), clamped(ends[0]))
        guard start < end else { throw node.shapeError("an empty slice of \(shape[1]) channels") }
        var output = shape
        output[1] = end - start
        if start == 0 && end == shape[1] { return .alias(of: node.inputs[0]) }
        return .operation(.channelSlice(start: start), inputs: [node.inputs[0]], outputShape: output)
    }
}
