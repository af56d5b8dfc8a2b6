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

    /// `ceilMode`: whether `ceil_mode = 1` may be taken as extra end padding, which is exact for a
    /// max (every window still starts inside the image) and for an average over the in-image
    /// elements (count_include_pad = 0), but not for one that counts the explicit padding.
    static func pooled(_ node: ONNXNode, ceilMode allowCeil: Bool = false,
                       _ make: (PoolGeometry) -> FloatOperation) throws(ModelImportError) -> ImportedNode {
        let ceilMode = try node.int("ceil_mode", default: 0)
        guard ceilMode == 0 || (ceilMode == 1 && allowCeil) else { throw node.unsupported("ceil_mode", "\(ceilMode)", allowCeil ? "0 or 1" : "0") }
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
        var geometry = try geometry(node, kernel: (kernel[0], kernel[1]))
        if ceilMode == 1 { geometry = try ceilPadded(geometry, node, height: inputShape[2], width: inputShape[3]) }
        guard let output = geometry.outputSize(height: inputShape[2], width: inputShape[3]) else {
            throw node.shapeError("kernel \(kernel) does not fit input \(inputShape)")
        }
        return .operation(make(geometry), inputs: [node.inputs[0]], outputShape: [1, inputShape[1], output.height, output.width])
    }

    /// ceil_mode = 1 as extra bottom/right padding: as many outputs as ceil((in + pads − k)/s) + 1,
    /// less one if the last window would start in the end padding (ONNX's and PyTorch's rule).
    static func ceilPadded(_ geometry: PoolGeometry, _ node: ONNXNode, height: Int, width: Int) throws(ModelImportError) -> PoolGeometry {
        func extra(_ length: Int, _ kernel: Int, _ stride: Int, _ begin: Int, _ end: Int) -> Int {
            let span = length + begin + end - kernel
            guard span >= 0 else { return 0 }
            var count = (span + stride - 1) / stride + 1
            if (count - 1) * stride >= length + begin { count -= 1 }
            return max(0, (count - 1) * stride + kernel - (length + begin + end))
        }
        var result = geometry
        result.padBottom += extra(height, geometry.kernelHeight, geometry.strideHeight, geometry.padTop, geometry.padBottom)
        result.padRight += extra(width, geometry.kernelWidth, geometry.strideWidth, geometry.padLeft, geometry.padRight)
        guard result.padBottom < result.kernelHeight, result.padRight < result.kernelWidth else {
            throw node.unsupported("ceil_mode", "1 with pads \([geometry.padTop, geometry.padLeft, geometry.padBottom, geometry.padRight])",
                                   "a padding that leaves the extra window smaller than the kernel")
        }
        return result
    }
}
