/// Add of two activations of the same shape (residual), or of a constant bias that the graph
/// assembler folds into the producing Gemm/MatMul/Conv.
enum AddImporter: ONNXOperatorImporter {
    static let opType = "Add"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        guard node.inputs.count == 2 else { throw node.shapeError("needs two inputs, has \(node.inputs.count)") }
        if let folded = try IntegerArithmetic.fold(node, { a, b in
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? nil : sum
        }) { return folded }
        if let folded = try ConstantArithmetic.foldConstants(node, +) { return folded }
        if node.isConstant(0) || node.isConstant(1) {
            let constantIndex = node.isConstant(1) ? 1 : 0
            return .biasAdd(of: node.inputs[1 - constantIndex], bias: try node.constant(constantIndex))
        }
        let left = try node.shape(ofInput: 0), right = try node.shape(ofInput: 1)
        guard left == right else { throw node.shapeError("adds shapes \(left) and \(right); only equal shapes are supported") }
        return .operation(.add, inputs: node.inputs, outputShape: left)
    }
}
