enum AveragePoolImporter: ONNXOperatorImporter {
    static let opType = "AveragePool"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["kernel_shape", "strides", "pads", "dilations", "ceil_mode", "auto_pad", "count_include_pad"])
        let includePad = try node.int("count_include_pad", default: 0)
        guard includePad == 0 || includePad == 1 else { throw node.unsupported("count_include_pad", "\(includePad)", "0 or 1") }
        let imported = try PoolImporterSupport.pooled(node, ceilMode: includePad == 0) { .averagePool($0) }
        guard case let .operation(.averagePool(geometry), inputs, outputShape) = imported else { return imported }
        let padded = [geometry.padTop, geometry.padLeft, geometry.padBottom, geometry.padRight].contains { $0 != 0 }
        // Windows that tile the input are the AveragePool protocol's own case; otherwise, when every
        // window divides by the full kernel area (PyTorch's default count_include_pad, or no
        // padding), the average is a depthwise convolution with weights 1/area.
        // With count_include_pad = 0 and padding (or ceil_mode) the divisor changes at the borders:
        // kept as an AveragePool, proven as window sums with a multiplier per output position.
        if MaxPoolLayer.tiles(geometry, try node.shape(ofInput: 0)) || (padded && includePad == 0) { return imported }
        let channels = outputShape[1], area = geometry.kernelHeight * geometry.kernelWidth
        let weight = Tensor(shape: [channels, 1, geometry.kernelHeight, geometry.kernelWidth],
                            scalars: [Float](repeating: 1 / Float(area), count: channels * area))
        let bias = [Float](repeating: 0, count: channels)
        let operation: FloatOperation = channels == 1 ? .conv(weight: weight, bias: bias, geometry: geometry)
            : .groupedConv(weight: weight, bias: bias, geometry: geometry, groups: channels)
        return .operation(operation, inputs: inputs, outputShape: outputShape)
    }
}
