extension AveragePoolLayer {
    /// The mean over each window's in-image elements (ONNX count_include_pad = 0).
    static func reference(_ x: Tensor<Float>, geometry: PoolGeometry, outputShape: [Int]) -> Tensor<Float> {
        PoolingReference.pool(x, outputShape: outputShape, geometry: geometry) { values in
            Float(values.reduce(0.0) { $0 + Double($1) } / Double(max(1, values.count)))
        }
    }
}
