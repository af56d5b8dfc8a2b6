import Foundation

/// σ(x) = 1 / (1 + e^−x). Outputs lie in (0, 1), so the table's output scale is fixed at 1/127
/// whatever the calibration saw.
struct Sigmoid: TableActivation {
    static let opType = "Sigmoid"
    static let attributeNames: Set<String> = []

    init() {}
    init(node: ONNXNode) {}

    var name: String { "Sigmoid" }
    func evaluate(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    func outputScale(calibrated: Double) -> Double { 1.0 / 127 }
}
