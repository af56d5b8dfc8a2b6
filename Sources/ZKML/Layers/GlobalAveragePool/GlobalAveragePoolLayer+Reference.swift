extension GlobalAveragePoolLayer {
    /// Each channel's mean over H×W.
    static func reference(_ x: Tensor<Float>, outputShape: [Int]) -> Tensor<Float> {
        let channels = x.shape[1]
        let area = x.count / channels
        let result = (0..<channels).map { c in
            Float(x.scalars[(c * area)..<((c + 1) * area)].reduce(0.0) { $0 + Double($1) } / Double(area))
        }
        return Tensor(shape: outputShape, scalars: result)
    }
}
