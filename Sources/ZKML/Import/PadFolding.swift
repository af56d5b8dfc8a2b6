/// Folds each zero Pad into the convolution that is its only reader: the convolution's own
/// padding grows by the Pad's, and it reads the unpadded tensor. A Pad that feeds anything else
/// (a max-pool pads with −∞, not zeros) is refused.
enum PadFolding {
    static func apply(_ nodes: inout [FloatNode], graphOutput: String) throws(ModelImportError) {
        while let index = nodes.firstIndex(where: { if case .pad = $0.operation { return true } else { return false } }) {
            let pad = nodes[index]
            guard case let .pad(top, left, bottom, right) = pad.operation,
                  let reader = TranspositionFolding.soleReader(of: pad.output, in: nodes, graphOutput: graphOutput) else {
                throw .unsupportedPattern(node: pad.name, reason: "a Pad is supported only as the zero padding of the one convolution that reads it")
            }
            func widened(_ geometry: PoolGeometry) -> PoolGeometry {
                PoolGeometry(kernel: (geometry.kernelHeight, geometry.kernelWidth), strides: (geometry.strideHeight, geometry.strideWidth),
                             pads: (geometry.padTop + top, geometry.padLeft + left, geometry.padBottom + bottom, geometry.padRight + right))
            }
            switch nodes[reader].operation {
            case let .conv(weight, bias, geometry):
                nodes[reader].operation = .conv(weight: weight, bias: bias, geometry: widened(geometry))
            case let .groupedConv(weight, bias, geometry, groups):
                nodes[reader].operation = .groupedConv(weight: weight, bias: bias, geometry: widened(geometry), groups: groups)
            default:
                throw .unsupportedPattern(node: pad.name, reason: "a Pad is supported only as the zero padding of a convolution; it feeds a \(nodes[reader].operation.name)")
            }
            nodes[reader].inputs = nodes[reader].inputs.map { $0 == pad.output ? pad.inputs[0] : $0 }
            nodes.remove(at: index)
        }
    }
}
