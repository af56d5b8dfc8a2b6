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
