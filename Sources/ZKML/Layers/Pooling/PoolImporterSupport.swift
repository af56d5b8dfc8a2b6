/// Shared attribute handling of Conv and the pooling operators.
enum PoolImporterSupport {
    static func geometry(_ node: ONNXNode, kernel: (Int, Int)) throws(ModelImportError) -> PoolGeometry {
        if let autoPad = node.attribute("auto_pad") {
            let mode = String(decoding: autoPad.s, as: UTF8.self)
            guard mode == "NOTSET" || mode == "VALID" else { throw node.unsupported("auto_pad", mode, "NOTSET, VALID") }
        }
        let strides = try node.ints("strides") ?? [1, 1]
        let pads = try node.ints("pads") ?? [0, 0, 0, 0]
        guard strides.count == 2, strides.allSatisfy({ $0 >= 1 }) else { throw node.unsupported("strides", "\(strides)", "two positive integers") }
        guard pads.count == 4, pads.allSatisfy({ $0 >= 0 }) else { throw node.unsupported("pads", "\(pads)", "four non-negative integers") }
        guard kernel.0 >= 1, kernel.1 >= 1, pads[0] < kernel.0, pads[2] < kernel.0, pads[1] < kernel.1, pads[3] < kernel.1 else {
            throw node.unsupported("pads", "\(pads)", "padding smaller than the kernel")
        }
        // ONNX pads are [top, left, bottom, right].
        return PoolGeometry(kernel: kernel, strides: (strides[0], strides[1]), pads: (pads[0], pads[1], pads[2], pads[3]))
    }

    static func pooled(_ node: ONNXNode, _ make: (PoolGeometry) -> FloatOperation) throws(ModelImportError) -> ImportedNode {
        let ceilMode = try node.int("ceil_mode", default: 0)
        guard ceilMode == 0 else { throw node.unsupported("ceil_mode", "\(ceilMode)", "0") }
        try ConvImporter.requireUnitDilations(node)
        guard let kernel = try node.ints("kernel_shape"), kernel.count == 2 else {
            throw node.unsupported("kernel_shape", "missing or not 2-D", "two integers")
        }
        // The .zkm file accepts windows up to 64×64; larger ones would only fail later, after a
        // float evaluation and a per-window-size multiplier table of kernel² entries.
        guard kernel.allSatisfy({ $0 <= 64 }) else {
            throw node.unsupported("kernel_shape", "\(kernel)", "at most 64×64")
        }
        let inputShape = try node.shape(ofInput: 0)
        guard inputShape.count == 4, inputShape[0] == 1 else { throw node.shapeError("needs input [1, C, H, W], got \(inputShape)") }
        let geometry = try geometry(node, kernel: (kernel[0], kernel[1]))
        guard let output = geometry.outputSize(height: inputShape[2], width: inputShape[3]) else {
            throw node.shapeError("kernel \(kernel) does not fit input \(inputShape)")
        }
        return .operation(make(geometry), inputs: [node.inputs[0]], outputShape: [1, inputShape[1], output.height, output.width])
    }
}
