/// Pad with zeros over the spatial axes of an NCHW activation (tf2onnx writes one before a
/// convolution with "same" padding and a stride). It has no layer of its own: import folds it
/// into the padding of the convolution it feeds (`PadFolding`), which is exact since a
/// convolution pads with zeros too; anywhere else it is refused, naming the node.
enum PadImporter: ONNXOperatorImporter {
    static let opType = "Pad"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["mode"])
        if let mode = node.attribute("mode").map({ String(decoding: $0.s, as: UTF8.self) }), mode != "constant" {
            throw node.unsupported("mode", mode, "constant (zeros)")
        }
        let shape = try node.shape(ofInput: 0)
        let pads = try ShapeArithmetic.integers(node, input: 1)
        if node.proto.input.count > 3, !node.proto.input[3].isEmpty {
            throw node.unsupported("axes", "given", "absent (pads for every axis)")
        }
        if node.proto.input.count > 2, !node.proto.input[2].isEmpty {
            guard let value = node.context.initializers[node.proto.input[2]], value.scalars.allSatisfy({ $0 == 0 }) else {
                throw node.unsupported("constant_value", "not a constant zero", "0")
            }
        }
        // ONNX pads: [x1_begin, x2_begin, x3_begin, x4_begin, x1_end, …].
        guard shape.count == 4, pads.count == 8, pads.allSatisfy({ (0...64).contains($0) }),
              pads[0] == 0, pads[1] == 0, pads[4] == 0, pads[5] == 0 else {
            throw node.unsupported("pads", "\(pads) for shape \(shape)", "non-negative padding (at most 64) of the two spatial axes of an NCHW tensor")
        }
        let output = [shape[0], shape[1], shape[2] + pads[2] + pads[6], shape[3] + pads[3] + pads[7]]
        return .operation(.pad(top: pads[2], left: pads[3], bottom: pads[6], right: pads[7]), inputs: [node.inputs[0]], outputShape: output)
    }
}
