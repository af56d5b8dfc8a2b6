extension ConcatLayer {
    /// Concat of activations along the channel axis (1, or its negative alias) of tensors with one
    /// sample, equal but for the channel count; one input is a renaming.
    static func importActivations(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        let shapes = try node.inputs.indices.map { index throws(ModelImportError) in try node.shape(ofInput: index) }
        for (index, input) in node.inputs.enumerated() where node.context.shapes[input] == nil {
            throw .unsupportedPattern(node: node.name, reason: "Concat of the constant '\(input)' (input \(index)) with activations is not supported")
        }
        guard let first = shapes.first, first.count >= 2, first[0] == 1 else {
            throw node.shapeError("needs inputs [1, C, …], got \(shapes)")
        }
        var axis = try node.int("axis", default: 1)
        if axis < 0 { axis += first.count }
        guard axis == 1 else { throw node.unsupported("axis", "\(axis)", "1 (the channel axis)") }
        guard shapes.count <= maximumInputs else { throw node.unsupported("inputs", "\(shapes.count)", "at most \(maximumInputs)") }
        guard shapes.allSatisfy({ shape in shape.count == first.count && shape.indices.allSatisfy { $0 == 1 || shape[$0] == first[$0] } }) else {
            throw node.shapeError("inputs \(shapes) differ in more than the channel axis")
        }
        if shapes.count == 1 { return .alias(of: node.inputs[0]) }
        var output = first
        output[1] = shapes.reduce(0) { $0 + $1[1] }
        return .operation(.concat, inputs: node.inputs, outputShape: output)
    }
}
