/// 2-D Conv over NCHW with batch 1, any group count (group > 1 is a GroupedConv), any dilation
/// (as the spread kernel), explicit or VALID padding.
enum ConvImporter: ONNXOperatorImporter {
    static let opType = "Conv"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["kernel_shape", "strides", "pads", "dilations", "group", "auto_pad"])
        let group = try node.int("group", default: 1)
        guard group >= 1 else { throw node.unsupported("group", "\(group)", "a positive number of groups") }
        let inputShape = try node.shape(ofInput: 0)
        let weight = try dilated(try node.constant(1), node)
        guard inputShape.count == 4, inputShape[0] == 1, weight.rank == 4 else {
            throw node.shapeError("needs input [1, C, H, W] and weight [O, C, kH, kW], got \(inputShape) and \(weight.shape)")
        }
        guard weight.shape[1] * group == inputShape[1], weight.shape[0] % group == 0 else {
            throw node.shapeError("input has \(inputShape[1]) channels, weight \(weight.shape) with group = \(group) expects \(weight.shape[1] * group)")
        }
        if let kernel = try node.ints("kernel_shape"), try dilatedKernel(kernel, node) != Array(weight.shape[2...]) {
            throw node.shapeError("kernel_shape \(kernel) disagrees with the weight's \(Array(weight.shape[2...]))")
        }
        let geometry = try PoolImporterSupport.geometry(node, kernel: (weight.shape[2], weight.shape[3]))
        guard let output = geometry.outputSize(height: inputShape[2], width: inputShape[3]) else {
            throw node.shapeError("kernel \(weight.shape[2])×\(weight.shape[3]) does not fit input \(inputShape)")
        }
        let outChannels = weight.shape[0]
        var bias = [Float](repeating: 0, count: outChannels)
        if node.inputs.count > 2 {
            let b = try node.constant(2)
            guard b.count == outChannels else { throw node.shapeError("bias has \(b.count) values for \(outChannels) channels") }
            bias = b.scalars
        }
        let operation: FloatOperation = group == 1 ? .conv(weight: weight, bias: bias, geometry: geometry)
            : .groupedConv(weight: weight, bias: bias, geometry: geometry, groups: group)
        return .operation(operation, inputs: [node.inputs[0]], outputShape: [1, outChannels, output.height, output.width])
    }

    /// A dilated kernel as the plain kernel it equals, with zeros between its taps: exact, and
    /// proven like any convolution (the wiring grows with the spread kernel).
    static func dilated(_ weight: Tensor<Float>, _ node: ONNXNode) throws(ModelImportError) -> Tensor<Float> {
        guard let dilations = try node.ints("dilations"), dilations.contains(where: { $0 != 1 }) else { return weight }
        guard dilations.count == 2, dilations.allSatisfy({ (1...16).contains($0) }), weight.rank == 4 else {
            throw node.unsupported("dilations", "\(dilations)", "two integers in 1…16")
        }
        let (kh, kw) = (weight.shape[2], weight.shape[3])
        let (spreadH, spreadW) = ((kh - 1) * dilations[0] + 1, (kw - 1) * dilations[1] + 1)
        let planes = weight.shape[0] * weight.shape[1]
        var scalars = [Float](repeating: 0, count: planes * spreadH * spreadW)
        for plane in 0..<planes {
            for y in 0..<kh {
                for x in 0..<kw {
                    scalars[(plane * spreadH + y * dilations[0]) * spreadW + x * dilations[1]] = weight.scalars[(plane * kh + y) * kw + x]
                }
            }
        }
        return Tensor(shape: [weight.shape[0], weight.shape[1], spreadH, spreadW], scalars: scalars)
    }

    static func dilatedKernel(_ kernel: [Int], _ node: ONNXNode) throws(ModelImportError) -> [Int] {
        guard let dilations = try node.ints("dilations"), dilations.count == kernel.count else { return kernel }
        return zip(kernel, dilations).map { ($0 - 1) * $1 + 1 }
    }

    static func requireUnitDilations(_ node: ONNXNode) throws(ModelImportError) {
        if let dilations = try node.ints("dilations"), dilations.contains(where: { $0 != 1 }) {
            throw node.unsupported("dilations", "\(dilations)", "[1, 1]")
        }
    }
}
