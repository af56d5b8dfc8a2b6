import Foundation

/// tanh(x). Outputs lie in (−1, 1), so the table's output scale is fixed at 1/127 whatever the
/// calibration saw.
struct Tanh: TableActivation {
    static let opType = "Tanh"
    static let attributeNames: Set<String> = []

    init() {}
    init(node: ONNXNode) {}

    var name: String { "Tanh" }
    func evaluate(_ x: Double) -> Double { Foundation.tanh(x) }
    func outputScale(calibrated: Double) -> Double { 1.0 / 127 }
}
