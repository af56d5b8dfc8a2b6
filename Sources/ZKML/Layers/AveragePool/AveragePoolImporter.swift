enum AveragePoolImporter: ONNXOperatorImporter {
    static let opType = "AveragePool"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["kernel_shape", "strides", "pads", "dilations", "ceil_mode", "auto_pad", "count_include_pad"])
        let includePad = try node.int("count_include_pad", default: 0)
        let padded = (try node.ints("pads") ?? []).contains { $0 != 0 }
        guard includePad == 0 || !padded else { throw node.unsupported("count_include_pad", "1", "0 (or no padding)") }
        return try PoolImporterSupport.pooled(node) { .averagePool($0) }
    }
}
