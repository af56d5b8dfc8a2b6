/// Mul, Div and Sub of an activation by a constant that is one number or one per channel (axis 1):
/// input normalisation as exporters write `(x − mean) / std` or Keras' `Rescaling`. Each becomes
/// the per-channel affine map x·scale + shift of BatchNormalization, which import folds into the
/// Dense or unpadded Conv reading the model input (`AffineFolding`), the quantizer folds into the
/// Conv or Dense before it, or else proves as a depthwise 1×1 convolution.
enum ConstantArithmetic {
    enum Operation { case multiply, divide, subtract }

    static func importNode(_ node: ONNXNode, _ operation: Operation) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        let folded = try IntegerArithmetic.fold(node) { a, b in
            switch operation {
            case .multiply: let (product, overflow) = a.multipliedReportingOverflow(by: b); return overflow ? nil : product
            case .subtract: let (difference, overflow) = a.subtractingReportingOverflow(b); return overflow ? nil : difference
            case .divide:
                // Floor division, as for the non-negative sizes of a shape; nil for b = 0 or Int.min / −1.
                let (quotient, overflow) = a.dividedReportingOverflow(by: b)
                guard b != 0, !overflow else { return nil }
                return quotient - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0)
            }
        }
        if let folded { return folded }
        if let folded = try foldConstants(node, { a, b in
            switch operation {
            case .multiply: return a * b
            case .divide: return a / b
            case .subtract: return a - b
            }
        }) { return folded }
        guard node.inputs.count == 2 else { throw node.shapeError("needs two inputs, has \(node.inputs.count)") }
        guard node.isConstant(0) != node.isConstant(1) else {
            throw .unsupportedPattern(node: node.name, reason: "\(node.opType) is supported with exactly one constant operand (of two activations it is not proven)")
        }
        let constantIndex = node.isConstant(1) ? 1 : 0
        let shape = try node.shape(ofInput: 1 - constantIndex)
        let values = try perChannel(try node.constant(constantIndex), shape: shape, node)
        var scale = [Float](repeating: 1, count: shape[1]), shift = [Float](repeating: 0, count: shape[1])
        switch (operation, constantIndex) {
        case (.multiply, _): scale = values
        case (.divide, 1):
            guard values.allSatisfy({ $0 != 0 }) else { throw node.unsupported("divisor", "0", "non-zero constants") }
            scale = values.map { 1 / $0 }
        case (.divide, _):
            throw .unsupportedPattern(node: node.name, reason: "Div of a constant by an activation is not an affine map and is not supported")
        case (.subtract, 1): shift = values.map { -$0 }
        case (.subtract, _): scale = scale.map { -$0 }; shift = values
        }
        guard scale.allSatisfy(\.isFinite), shift.allSatisfy(\.isFinite) else { throw node.unsupported("constant", "not finite", "finite values") }
        return .operation(.batchNormalization(scale: scale, shift: shift), inputs: [node.inputs[1 - constantIndex]], outputShape: shape)
    }

    /// Both operands float constants (a weight scaled or shifted by a constant): one more constant,
    /// elementwise with a one-element operand broadcast.
    static func foldConstants(_ node: ONNXNode, _ combine: (Float, Float) -> Float) throws(ModelImportError) -> ImportedNode? {
        guard node.inputs.count == 2, let a = node.context.initializers[node.inputs[0]],
              let b = node.context.initializers[node.inputs[1]] else { return nil }
        guard a.shape == b.shape || a.count == 1 || b.count == 1 else {
            throw node.shapeError("constants of shapes \(a.shape) and \(b.shape): only equal shapes or a single value broadcast")
        }
        let shape = a.count >= b.count ? a.shape : b.shape
        let values = (0..<max(a.count, b.count)).map { combine(a.scalars[a.count == 1 ? 0 : $0], b.scalars[b.count == 1 ? 0 : $0]) }
        guard values.allSatisfy(\.isFinite) else { throw node.unsupported("constants", "a non-finite result", "finite values") }
        return .constant(.floats(Tensor(shape: shape, scalars: values)))
    }

    /// The constant as one value per channel: it must broadcast (aligned right, as ONNX does)
    /// along axis 1 only.
    static func perChannel(_ constant: Tensor<Float>, shape: [Int], _ node: ONNXNode) throws(ModelImportError) -> [Float] {
        guard shape.count >= 2, constant.rank <= shape.count else { throw node.shapeError("constant \(constant.shape) against \(shape)") }
        let aligned = [Int](repeating: 1, count: shape.count - constant.rank) + constant.shape
        if constant.count == 1 { return [Float](repeating: constant.scalars[0], count: shape[1]) }
        guard aligned[1] == shape[1], aligned.enumerated().allSatisfy({ $0.offset == 1 || $0.element == 1 }) else {
            throw node.unsupported("constant", "of shape \(constant.shape)", "one value, or one per channel (shape [C, 1, 1] or [1, C, 1, 1] for [1, C, H, W])")
        }
        return constant.scalars
    }
}

enum MulImporter: ONNXOperatorImporter {
    static let opType = "Mul"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode { try ConstantArithmetic.importNode(node, .multiply) }
}

enum DivImporter: ONNXOperatorImporter {
    static let opType = "Div"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode { try ConstantArithmetic.importNode(node, .divide) }
}

enum SubImporter: ONNXOperatorImporter {
    static let opType = "Sub"
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode { try ConstantArithmetic.importNode(node, .subtract) }
}
