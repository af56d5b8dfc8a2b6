/// LeakyRelu(x) = x for x ≥ 0, α·x otherwise (ONNX attribute `alpha`, default 0.01; PyTorch's
/// `nn.LeakyReLU(negative_slope)` exports it as that attribute).
///
/// Proven as an int8 table like every `TableActivation`. Unlike Sigmoid and Tanh its output is
/// unbounded, so the table's output scale is the one calibrated for its output tensor: positive
/// inputs keep their value up to that rescaling, negative ones shrink by α.
struct LeakyRelu: TableActivation {
    static let opType = "LeakyRelu"
    static let attributeNames: Set<String> = ["alpha"]

    let alpha: Float

    init(alpha: Float) { self.alpha = alpha }

    init(node: ONNXNode) throws(ModelImportError) {
        alpha = node.float("alpha", default: 0.01)
        guard alpha.isFinite else { throw node.unsupported("alpha", "\(alpha)", "a finite slope") }
    }

    var name: String { "LeakyRelu" }
    var parameters: [Float] { [alpha] }
    func evaluate(_ x: Double) -> Double { x >= 0 ? x : Double(alpha) * x }
    func outputScale(calibrated: Double) -> Double { calibrated }
}
