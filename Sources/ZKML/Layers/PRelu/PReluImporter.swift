/// PRelu with its slope a constant input. One slope for all channels (`nn.PReLU()`) is one int8
/// table; a slope per channel (`nn.PReLU(C)`) is written with layers zkinfer proves already,
/// exactly: PRelu(x) = (1 − a_c)·ReLU(x) + a_c·x, a ReLU table, two per-channel scalings
/// (depthwise 1×1 convolutions) and a residual Add.
enum PReluImporter: ONNXOperatorImporter {
    static let opType = "PRelu"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes([])
        let shape = try node.shape(ofInput: 0)
        guard node.inputs.count == 2, node.isConstant(1), let output = node.proto.output.first else {
            throw .unsupportedPattern(node: node.name, reason: "PRelu needs its slope as a constant second input")
        }
        let slopes = try node.constant(1)
        guard slopes.scalars.allSatisfy(\.isFinite) else { throw node.unsupported("slope", "not finite", "finite slopes") }
        if slopes.count == 1 {
            return .operation(.activation(ActivationFunction(PRelu(slope: slopes.scalars[0]))), inputs: [node.inputs[0]], outputShape: shape)
        }
        let perChannel: [Float]
        do {
            perChannel = try ConstantArithmetic.perChannel(slopes, shape: shape, node)
        } catch {
            throw node.unsupported("slope", "of shape \(slopes.shape)", "one slope, or one per channel (axis 1)")
        }
        let x = node.inputs[0], zeros = [Float](repeating: 0, count: perChannel.count)
        let relu = FloatNode(name: "\(node.name)/relu", operation: .relu, inputs: [x], output: "\(output)#relu", outputShape: shape)
        let positive = FloatNode(name: "\(node.name)/positive", operation: .batchNormalization(scale: perChannel.map { 1 - $0 }, shift: zeros),
                                 inputs: [relu.output], output: "\(output)#positive", outputShape: shape)
        let linear = FloatNode(name: "\(node.name)/linear", operation: .batchNormalization(scale: perChannel, shift: zeros),
                               inputs: [x], output: "\(output)#linear", outputShape: shape)
        let sum = FloatNode(name: node.name, operation: .add, inputs: [positive.output, linear.output], output: output, outputShape: shape)
        return .subgraph([relu, positive, linear, sum])
    }
}
