/// A Reshape of the graph input that nothing else reads (tf2onnx turns a channels-last [1, H, W, 1]
/// image into [1, 1, H, W] this way) relabels the values the user supplies without moving any:
/// the model takes its target shape as input shape instead, so the first real layer reads the
/// layout the circuit expects. Flat input rows are unchanged.
enum InputReshape {
    static func absorb(_ nodes: inout [FloatNode], inputName: String, inputShape: inout [Int], outputName: inout String) -> String? {
        let readers = nodes.indices.filter { nodes[$0].inputs.contains(inputName) }
        // Only image layouts (rank 4 to rank 4): a Flatten of the input stays a layer of its own.
        guard readers.count == 1, case .reshape = nodes[readers[0]].operation, inputShape.count == 4,
              nodes[readers[0]].outputShape.count == 4, nodes[readers[0]].outputShape.first == 1 else { return nil }
        let reshape = nodes.remove(at: readers[0])
        for index in nodes.indices {
            nodes[index].inputs = nodes[index].inputs.map { $0 == reshape.output ? inputName : $0 }
        }
        if outputName == reshape.output { outputName = inputName }
        let original = inputShape
        inputShape = reshape.outputShape
        return "the Reshape '\(reshape.name)' of the input was absorbed: the model takes its input as \(inputShape) "
            + "(the same values in the same order as \(original))"
    }
}
