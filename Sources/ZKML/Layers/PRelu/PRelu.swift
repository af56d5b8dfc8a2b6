/// PRelu(x) = x for x ≥ 0, slope·x otherwise, with one slope for every channel (PyTorch's
/// `nn.PReLU()`): one int8 table. `PReluImporter` reads the slope input and writes a slope per
/// channel with other layers.
struct PRelu: TableActivation {
    static let opType = "PRelu"
    static let attributeNames: Set<String> = []

    let slope: Float

    init(slope: Float) { self.slope = slope }

    init(node: ONNXNode) throws(ModelImportError) {
        guard node.inputs.count == 2, node.isConstant(1), let value = try node.constant(1).scalars.first else {
            throw .unsupportedPattern(node: node.name, reason: "PRelu needs its slope as a constant second input")
        }
        slope = value
    }

    var name: String { "PRelu" }
    var parameters: [Float] { [slope] }
    func evaluate(_ x: Double) -> Double { x >= 0 ? x : Double(slope) * x }
    func outputScale(calibrated: Double) -> Double { calibrated }
}
