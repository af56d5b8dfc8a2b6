/// HardSwish(x) = x·max(0, min(1, x/6 + 1/2)) (MobileNetV3's activation; `nn.Hardswish`). Its
/// output is unbounded above, so the table's output scale is the one calibrated for its tensor.
struct HardSwish: TableActivation {
    static let opType = "HardSwish"
    static let attributeNames: Set<String> = []

    init(node: ONNXNode) throws(ModelImportError) {}

    var name: String { "HardSwish" }
    func evaluate(_ x: Double) -> Double { x * max(0, min(1, x / 6 + 0.5)) }
    func outputScale(calibrated: Double) -> Double { calibrated }
}
