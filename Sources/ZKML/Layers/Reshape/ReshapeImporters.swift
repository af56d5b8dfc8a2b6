/// Flatten and Reshape: relabellings to a static shape.
enum FlattenImporter: ONNXOperatorImporter {
    static let opType = "Flatten"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["axis"])
        let shape = try node.shape(ofInput: 0)
        var axis = try node.int("axis", default: 1)
        if axis < 0 { axis += shape.count }
        guard (0...shape.count).contains(axis) else { throw node.unsupported("axis", "\(axis)", "0…\(shape.count)") }
        let outer = shape[..<axis].reduce(1, *), inner = shape[axis...].reduce(1, *)
        return .operation(.reshape(shape: [outer, inner]), inputs: [node.inputs[0]], outputShape: [outer, inner])
    }
}

/// Reshape whose target is a constant int64 initializer (0 copies a dimension, −1 is inferred;
/// with `allowzero` = 1 a 0 would be an empty dimension, so only targets without 0 are accepted,
/// which mean the same either way: what the dynamo exporter writes).
enum ReshapeImporter: ONNXOperatorImporter {
    static let opType = "Reshape"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["allowzero"])
        let allowZero = try node.int("allowzero", default: 0)
        guard allowZero == 0 || allowZero == 1 else { throw node.unsupported("allowzero", "\(allowZero)", "0 or 1") }
        let shape = try node.shape(ofInput: 0)
        guard node.inputs.count == 2, let target = node.context.integerInitializers[node.inputs[1]] else {
            throw node.unsupported("shape", "not a constant int64 initializer", "a static shape")
        }
        if allowZero == 1, target.contains(0) {
            throw node.unsupported("allowzero", "1 with a 0 in the target \(target)", "0, or a target without 0 (an empty tensor cannot be proven)")
        }
        var result = [Int]()
        var inferred: Int?
        for (index, dimension) in target.enumerated() {
            switch dimension {
            case 0:
                guard index < shape.count else { throw node.shapeError("shape entry 0 at \(index) has no input dimension to copy") }
                result.append(shape[index])
            case -1:
                guard inferred == nil else { throw node.shapeError("more than one −1 in \(target)") }
                inferred = index
                result.append(1)
            case 1...:
                result.append(dimension)
            default:
                throw node.shapeError("invalid target dimension \(dimension)")
            }
        }
        let total = shape.reduce(1, *)
        // Checked product: the target comes from the file and may overflow Int.
        guard let known = elementCount(of: result, limit: ONNXImporter.maximumTensorElements) else {
            throw .dimensionsTooLarge(tensor: node.inputs[1], shape: result, limit: ONNXImporter.maximumTensorElements)
        }
        if let inferred {
            guard known > 0, total % known == 0 else { throw node.shapeError("cannot reshape \(shape) to \(target)") }
            result[inferred] = total / known
        }
        guard result.reduce(1, *) == total else { throw node.shapeError("cannot reshape \(shape) (\(total) values) to \(result)") }
        return .operation(.reshape(shape: result), inputs: [node.inputs[0]], outputShape: result)
    }
}
