/// HardSigmoid(x) = max(0, min(1, α·x + β)) (ONNX attributes `alpha`, default 0.2, and `beta`,
/// default 0.5; PyTorch's `nn.Hardsigmoid` exports α = 1/6). Bounded in [0, 1], so, like Sigmoid,
/// its table writes the output at the fixed scale 1/127.
struct HardSigmoid: TableActivation {
    static let opType = "HardSigmoid"
    static let attributeNames: Set<String> = ["alpha", "beta"]

    let alpha: Float
    let beta: Float

    init(node: ONNXNode) throws(ModelImportError) {
        alpha = node.float("alpha", default: 0.2)
        beta = node.float("beta", default: 0.5)
        guard alpha.isFinite, beta.isFinite else { throw node.unsupported("alpha, beta", "\(alpha), \(beta)", "finite values") }
    }

    var name: String { "HardSigmoid" }
    var parameters: [Float] { [alpha, beta] }
    func evaluate(_ x: Double) -> Double { max(0, min(1, Double(alpha) * x + Double(beta))) }
    func outputScale(calibrated: Double) -> Double { 1.0 / 127 }
}
