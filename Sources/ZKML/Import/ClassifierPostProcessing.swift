/// Classifier post-processing as exporters write it after the scores: skl2onnx's label and
/// probability outputs (`ArgMax → ArrayFeatureExtractor → Reshape → Cast` and `ZipMap`), or an
/// `ArgMax` of the logits. None of it is arithmetic on the scores, so zkinfer removes it at
/// import and proves the scores (the label is their argmax, mapped through the class list).
struct ClassifierPostProcessing {
    static let operators: Set = ["ArgMax", "ZipMap", "ArrayFeatureExtractor"]

    /// Indices of the removed nodes: the post-processing operators and everything downstream.
    let removed: Set<Int>
    /// The tensor the removed part read: the scores the proof covers.
    let scores: String
    /// The class list, when an ArrayFeatureExtractor mapped the argmax through one.
    let classes: String?

    /// Nil when the graph has no post-processing operator.
    init?(_ graph: Onnx_GraphProto) {
        let nodes = graph.node
        var removed = Set(nodes.indices.filter { Self.operators.contains(nodes[$0].opType) })
        guard !removed.isEmpty else { return nil }
        let seeds = removed
        // Everything that reads a removed node's output is removed too (Reshape, Cast of the label),
        // found breadth first over the tensor → readers map.
        var readers = [String: [Int]]()
        for (index, node) in nodes.enumerated() { for input in Set(node.input) { readers[input, default: []].append(index) } }
        var queue = Array(seeds)
        while let next = queue.popLast() {
            for output in nodes[next].output {
                for reader in readers[output] ?? [] where removed.insert(reader).inserted { queue.append(reader) }
            }
        }
        let producedByKept = Set(nodes.indices.filter { !removed.contains($0) }.flatMap { nodes[$0].output })
        // The scores: what the ZipMap (probabilities) or else the ArgMax read.
        let ordered = seeds.sorted { (nodes[$0].opType == "ZipMap" ? 0 : 1, $0) < (nodes[$1].opType == "ZipMap" ? 0 : 1, $1) }
        guard let reader = ordered.first(where: { nodes[$0].opType != "ArrayFeatureExtractor" }),
              let scores = nodes[reader].input.first, producedByKept.contains(scores) else { return nil }
        self.removed = removed
        self.scores = scores
        classes = nodes.first { $0.opType == "ArrayFeatureExtractor" }?.input.first
    }

    var note: String {
        "the classifier post-processing (ArgMax, ZipMap, ArrayFeatureExtractor and what follows them) was removed: "
            + "the model's (and the proof's) output is the class scores it read ('\(scores)', or the logits before a trailing Softmax); "
            + "the label is their argmax"
            + (classes.map { ", mapped through the class list '\($0)'" } ?? "")
    }
}
