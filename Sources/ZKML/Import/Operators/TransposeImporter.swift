/// Transpose of an activation: a relabelling of its elements, kept with the batch axis first.
/// Right before a Flatten/Reshape to [1, N] that feeds a Gemm/MatMul it becomes a permutation of
/// that layer's weight columns (`TranspositionFolding`), as tf2onnx writes Keras' channels-last
/// flatten; elsewhere it is a Transpose layer (`Layers/Transpose`). A Transpose of a constant
/// folds into one more constant.
enum TransposeImporter: ONNXOperatorImporter {
    static let opType = "Transpose"

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(["perm"])
        let shape = try node.shape(ofInput: 0)
        let permutation = try node.ints("perm") ?? Array(shape.indices.reversed())
        guard permutation.count == shape.count, Set(permutation) == Set(shape.indices) else {
            throw node.unsupported("perm", "\(permutation)", "a permutation of 0…\(shape.count - 1)")
        }
        if let constant = node.context.initializers[node.inputs[0]] {
            let sources = TranspositionFolding.flatSources(inputShape: shape, permutation: permutation)
            return .constant(.floats(Tensor(shape: permutation.map { shape[$0] }, scalars: sources.map { constant.scalars[$0] })))
        }
        if permutation == Array(shape.indices) { return .alias(of: node.inputs[0]) }
        guard permutation.first == 0 else { throw node.unsupported("perm", "\(permutation)", "a permutation that keeps the batch axis first") }
        return .operation(.transpose(permutation: permutation), inputs: [node.inputs[0]], outputShape: permutation.map { shape[$0] })
    }
}
