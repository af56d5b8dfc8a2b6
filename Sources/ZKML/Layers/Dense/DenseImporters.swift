/// Gemm: Y = alpha·A·op(B) + beta·C with constant B and C, A a [rows, K] activation (transA = 0).
enum GemmImporter: ONNXOperatorImporter {
    static let opType = "Gemm"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["alpha", "beta", "transA", "transB"])
        let transA = try node.int("transA", default: 0)
        let transB = try node.int("transB", default: 0)
        let alpha = node.float("alpha", default: 1), beta = node.float("beta", default: 1)
        var inputShape = try node.shape(ofInput: 0)
        if transA == 1 {
            // Transposing a [K, 1] column is only a relabelling; anything else would need data movement.
            guard inputShape.count == 2, inputShape[1] == 1 else {
                throw node.unsupported("transA", "1 on shape \(inputShape)", "0, or 1 on a [K, 1] column")
            }
            inputShape = [1, inputShape[0]]
        } else if transA != 0 {
            throw node.unsupported("transA", "\(transA)", "0 or 1")
        }
        let b = try node.constant(1)
        guard inputShape.count == 2, b.rank == 2 else {
            throw node.shapeError("needs a 2-D input and 2-D weight, got \(inputShape) and \(b.shape)")
        }
        // Normalise to weight[out][in].
        let weight = transB == 1 ? b : transposed(b)
        let (outputs, width) = (weight.shape[0], weight.shape[1])
        guard inputShape[1] == width else {
            throw node.shapeError("input has \(inputShape[1]) features, weight expects \(width)")
        }
        var bias = [Float](repeating: 0, count: outputs)
        if node.inputs.count > 2 {
            let c = try node.constant(2)
            guard c.count == outputs || c.count == 1 else {
                throw node.shapeError("bias has shape \(c.shape), expected \(outputs) values")
            }
            bias = (0..<outputs).map { beta * c.scalars[c.count == 1 ? 0 : $0] }
        }
        let scaled = Tensor(shape: weight.shape, scalars: weight.scalars.map { $0 * alpha })
        return .operation(.dense(weight: scaled, bias: bias), inputs: [node.inputs[0]],
                          outputShape: [inputShape[0], outputs])
    }

    static func transposed(_ matrix: Tensor<Float>) -> Tensor<Float> {
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        var scalars = [Float](repeating: 0, count: matrix.count)
        for r in 0..<rows { for c in 0..<columns { scalars[c * rows + r] = matrix.scalars[r * columns + c] } }
        return Tensor(shape: [columns, rows], scalars: scalars)
    }
}

/// MatMul with a constant right-hand side [K, N] (or [1, …, 1, K, N], broadcast over the left
/// operand's leading axes): a dense layer without bias applied to every row of the left operand
/// (a following Add of a constant vector becomes its bias).
enum MatMulImporter: ONNXOperatorImporter {
    static let opType = "MatMul"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        let inputShape = try node.shape(ofInput: 0)
        var b = try node.constant(1)
        if b.rank > 2, b.shape.dropLast(2).allSatisfy({ $0 == 1 }), b.rank <= max(2, inputShape.count) {
            b = Tensor(shape: Array(b.shape.suffix(2)), scalars: b.scalars)
        }
        guard inputShape.count >= 2, b.rank == 2, inputShape.last == b.shape[0] else {
            throw node.shapeError("cannot multiply \(inputShape) by a constant of shape \(b.shape): the right operand must be "
                                  + "a [K, N] matrix (a stack of different matrices is not supported)")
        }
        let weight = GemmImporter.transposed(b)
        return .operation(.dense(weight: weight, bias: [Float](repeating: 0, count: b.shape[1])),
                          inputs: [node.inputs[0]], outputShape: Array(inputShape.dropLast()) + [b.shape[1]])
    }
}
