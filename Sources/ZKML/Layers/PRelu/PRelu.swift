/// PRelu(x) = x for x ≥ 0, slope·x otherwise, with the slope a constant second input. PyTorch's
/// `nn.PReLU()` has one learned slope (shape [1]), which makes it one int8 table; a slope per
/// channel (`nn.PReLU(num_parameters=C)`) would need a table per channel and is refused.
struct PRelu: TableActivation {
    static let opType = "PRelu"
    static let attributeNames: Set<String> = []

    let slope: Float

    init(node: ONNXNode) throws(ModelImportError) {
        guard node.inputs.count == 2, node.isConstant(1) else {
            throw .unsupportedPattern(node: node.name, reason: "PRelu needs its slope as a constant second input")
        }
        let slopes = try node.constant(1)
        guard slopes.count == 1, let value = slopes.scalars.first, value.isFinite else {
            throw node.unsupported("slope", "\(slopes.count) values", "one finite slope shared by all channels (nn.PReLU() with num_parameters = 1)")
        }
        slope = value
    }

    var name: String { "PRelu" }
    var parameters: [Float] { [slope] }
    func evaluate(_ x: Double) -> Double { x >= 0 ? x : Double(slope) * x }
    func outputScale(calibrated: Double) -> Double { calibrated }
}
