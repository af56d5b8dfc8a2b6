/// Folds a Transpose of an activation that feeds a Flatten/Reshape to [1, N] and then a Dense
/// layer (each the only reader of the one before) into that layer's weights: the Dense reads the
/// untransposed tensor flattened, with its weight columns permuted to match. Exact, and free;
/// any other Transpose stays a layer (`Layers/Transpose`).
enum TranspositionFolding {
    static func apply(_ nodes: inout [FloatNode], graphOutput: String) {
        while let index = nodes.firstIndex(where: { foldable($0, nodes, graphOutput) != nil }) {
            let transpose = nodes[index]
            guard case let .transpose(permutation) = transpose.operation, let (reshape, dense) = foldable(transpose, nodes, graphOutput),
                  case let .dense(weight, bias) = nodes[dense].operation,
                  let inputShape = inputShape(of: transpose) else { return }
            let source = flatSources(inputShape: inputShape, permutation: permutation)
            let width = source.count
            var permuted = [Float](repeating: 0, count: weight.scalars.count)
            for row in 0..<(weight.scalars.count / width) {
                for (column, original) in source.enumerated() {
                    permuted[row * width + original] = weight.scalars[row * width + column]
                }
            }
            nodes[dense].operation = .dense(weight: Tensor(shape: weight.shape, scalars: permuted), bias: bias)
            nodes[reshape].inputs = [transpose.inputs[0]]
            nodes.remove(at: index)
        }
    }

    /// The Reshape and Dense a Transpose folds into, when it can.
    static func foldable(_ node: FloatNode, _ nodes: [FloatNode], _ graphOutput: String) -> (reshape: Int, dense: Int)? {
        guard case .transpose = node.operation, let reshape = soleReader(of: node.output, in: nodes, graphOutput: graphOutput),
              case .reshape = nodes[reshape].operation, nodes[reshape].outputShape.count == 2, nodes[reshape].outputShape[0] == 1,
              let dense = soleReader(of: nodes[reshape].output, in: nodes, graphOutput: graphOutput),
              case .dense = nodes[dense].operation else { return nil }
        return (reshape, dense)
    }

    /// For each element of the transposed tensor (row-major), its index in the input (row-major).
    static func flatSources(inputShape: [Int], permutation: [Int]) -> [Int] {
        let outputShape = permutation.map { inputShape[$0] }
        var strides = [Int](repeating: 1, count: inputShape.count)
        for axis in stride(from: inputShape.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * inputShape[axis + 1] }
        let count = inputShape.reduce(1, *)
        var sources = [Int](repeating: 0, count: count)
        var coordinates = [Int](repeating: 0, count: outputShape.count)
        for index in 0..<count {
            var remainder = index
            for axis in stride(from: outputShape.count - 1, through: 0, by: -1) {
                coordinates[axis] = remainder % outputShape[axis]
                remainder /= outputShape[axis]
            }
            sources[index] = zip(coordinates, permutation).reduce(0) { $0 + $1.0 * strides[$1.1] }
        }
        return sources
    }

    static func soleReader(of tensor: String, in nodes: [FloatNode], graphOutput: String) -> Int? {
        let readers = nodes.indices.filter { nodes[$0].inputs.contains(tensor) }
        return readers.count == 1 && tensor != graphOutput ? readers[0] : nil
    }

    static func inputShape(of node: FloatNode) -> [Int]? {
        guard case let .transpose(permutation) = node.operation else { return nil }
        // The input shape is the output shape with the permutation undone.
        var shape = [Int](repeating: 0, count: permutation.count)
        for (axis, source) in permutation.enumerated() { shape[source] = node.outputShape[axis] }
        return shape
    }
}
