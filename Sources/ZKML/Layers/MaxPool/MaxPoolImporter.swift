enum MaxPoolImporter: ONNXOperatorImporter {
    static let opType = "MaxPool"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["kernel_shape", "strides", "pads", "dilations", "ceil_mode", "auto_pad", "storage_order"])
        let order = try node.int("storage_order", default: 0)
        guard order == 0 else { throw node.unsupported("storage_order", "\(order)", "0") }
        guard node.proto.output.count == 1 else { throw node.unsupported("outputs", "\(node.proto.output.count)", "one (no Indices)") }
        return try PoolImporterSupport.pooled(node, ceilMode: true) { .maxPool($0) }
    }
}
