/// Shape arithmetic over static shapes, folded at import: what exporters write for
/// `x.view(x.size(0), -1)` (`Shape → Gather → Unsqueeze → Concat → Reshape`). Every value here
/// is a short list of int64 (a shape or part of one), held as a flat list, so each node becomes
/// one more integer constant; an input that is not a known shape or constant is refused.
enum ShapeImporter: ONNXOperatorImporter {
    static let opType = "Shape"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["start", "end"])
        let shape = try node.shape(ofInput: 0)
        let rank = shape.count
        func clamped(_ value: Int) -> Int { min(max(value < 0 ? value + rank : value, 0), rank) }
        let start = clamped(try node.int("start", default: 0)), end = clamped(try node.int("end", default: rank))
        return .constant(.integers(start < end ? Array(shape[start..<end]) : []))
    }
}

/// Gather of int64 constants (a dimension out of a shape) with constant indices.
enum GatherImporter: ONNXOperatorImporter {
    static let opType = "Gather"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axis"])
        let axis = try node.int("axis", default: 0)
        guard axis == 0 else { throw node.unsupported("axis", "\(axis)", "0 (a shape is one-dimensional)") }
        let data = try ShapeArithmetic.integers(node, input: 0), indices = try ShapeArithmetic.integers(node, input: 1)
        var result = [Int]()
        for index in indices {
            let position = index < 0 ? index + data.count : index
            guard data.indices.contains(position) else { throw node.shapeError("index \(index) outside a shape of \(data.count) entries") }
            result.append(data[position])
        }
        return .constant(.integers(result))
    }
}

/// Unsqueeze and Squeeze of int64 constants: a flat list does not change (axes as an attribute
/// before opset 13, as an input from 13 on; either way they only reshape the list).
enum UnsqueezeImporter: ONNXOperatorImporter {
    static let opType = "Unsqueeze"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axes"])
        return .constant(.integers(try ShapeArithmetic.integers(node, input: 0)))
    }
}

enum SqueezeImporter: ONNXOperatorImporter {
    static let opType = "Squeeze"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axes"])
        return .constant(.integers(try ShapeArithmetic.integers(node, input: 0)))
    }
}

/// Slice of an int64 list with constant starts, ends (clamped as ONNX does) and a positive step
/// (of an activation's channels: `Layers/ChannelSlice`).
enum SliceImporter: ONNXOperatorImporter {
    static let opType = "Slice"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        if !node.inputs.isEmpty, node.context.shapes[node.inputs[0]] != nil { return try ChannelSliceLayer.importSlice(node) }
        let data = try ShapeArithmetic.integers(node, input: 0)
        let starts = try ShapeArithmetic.integers(node, input: 1), ends = try ShapeArithmetic.integers(node, input: 2)
        if node.inputs.count > 3, try ShapeArithmetic.integers(node, input: 3).contains(where: { $0 != 0 && $0 != -1 }) {
            throw node.unsupported("axes", "not the list's only axis", "[0]")
        }
        let step = node.inputs.count > 4 ? try ShapeArithmetic.integers(node, input: 4).first ?? 1 : 1
        guard starts.count == 1, ends.count == 1, step >= 1 else {
            throw node.unsupported("starts, ends, steps", "\(starts), \(ends), \(step)", "one start, one end and a positive step")
        }
        func clamped(_ value: Int) -> Int { min(max(value < 0 ? value + data.count : value, 0), data.count) }
        let (start, end) = (clamped(starts[0]), clamped(ends[0]))
        return .constant(.integers(start < end ? Array(stride(from: start, to: end, by: step).map { data[$0] }) : []))
    }
}

/// ConstantOfShape over a static shape: a constant filled with its `value` (float32 zero by
/// default, or an int64), as exporters build padding amounts and masks.
enum ConstantOfShapeImporter: ONNXOperatorImporter {
    static let opType = "ConstantOfShape"
    static let maximumElements = 1 << 16
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["value"])
        let shape = try ShapeArithmetic.integers(node, input: 0)
        // A few bytes of file would otherwise ask for up to 2^26 values per node.
        guard shape.allSatisfy({ $0 >= 0 }), let count = elementCount(of: shape, limit: maximumElements) else {
            throw node.unsupported("shape", "\(shape)", "at most \(maximumElements) values")
        }
        guard let attribute = node.attribute("value") else { return .constant(.floats(Tensor(shape: shape, scalars: [Float](repeating: 0, count: count)))) }
        var tensor = attribute.t
        if tensor.name.isEmpty { tensor.name = node.name }
        switch try node.context.decoder.constant(tensor) {
        case let .floats(value) where value.count == 1:
            return .constant(.floats(Tensor(shape: shape, scalars: [Float](repeating: value.scalars[0], count: count))))
        case let .integers(value) where value.count == 1 && shape.count <= 1:
            return .constant(.integers([Int](repeating: value[0], count: count)))
        default:
            throw node.unsupported("value", "not one float32 or int64", "one value")
        }
    }
}

/// Add, Sub, Mul and Div of int64 constants (a shape's entries), elementwise with a one-element
/// operand broadcast; Div rounds toward negative infinity as for non-negative shapes.
enum IntegerArithmetic {
    static func fold(_ node: ONNXNode, _ combine: (Int, Int) -> Int?) throws(ModelImportError) -> ImportedNode? {
        guard node.inputs.count == 2, let left = node.context.integerInitializers[node.inputs[0]],
              let right = node.context.integerInitializers[node.inputs[1]] else { return nil }
        guard left.count == right.count || left.count == 1 || right.count == 1 else {
            throw node.shapeError("int64 operands of \(left.count) and \(right.count) values")
        }
        var result = [Int]()
        for index in 0..<max(left.count, right.count) {
            guard let value = combine(left[left.count == 1 ? 0 : index], right[right.count == 1 ? 0 : index]) else {
                throw node.shapeError("int64 arithmetic overflows or divides by zero")
            }
            result.append(value)
        }
        return .constant(.integers(result))
    }
}

/// Concat of int64 constants along their only axis (activations go to `Layers/Concat`).
enum ConcatImporter: ONNXOperatorImporter {
    static let opType = "Concat"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axis"])
        if node.inputs.contains(where: { node.context.integerInitializers[$0] == nil }) { return try ConcatLayer.importActivations(node) }
        let axis = try node.int("axis", default: 0)
        guard axis == 0 || axis == -1 else { throw node.unsupported("axis", "\(axis)", "0 (int64 lists are one-dimensional)") }
        var result = [Int]()
        for input in node.inputs.indices { result += try ShapeArithmetic.integers(node, input: input) }
        return .constant(.integers(result))
    }
}

enum ShapeArithmetic {
    /// Input `index` as a known int64 constant, or the refusal that names it.
    static func integers(_ node: ONNXNode, input index: Int) throws(ModelImportError) -> [Int] {
        guard node.inputs.indices.contains(index), let values = node.context.integerInitializers[node.inputs[index]] else {
            let name = node.inputs.indices.contains(index) ? node.inputs[index] : "input \(index)"
            throw .unsupportedPattern(node: node.name, reason: "\(node.opType) of '\(name)', which is not a static shape or int64 constant "
                                                             + "(shape arithmetic is folded at import; activations are not supported here)")
        }
        return values
    }
}
