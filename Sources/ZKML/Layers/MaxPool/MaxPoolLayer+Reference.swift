extension MaxPoolLayer {
    static func reference(_ x: Tensor<Float>, geometry: PoolGeometry, outputShape: [Int]) -> Tensor<Float> {
        PoolingReference.pool(x, outputShape: outputShape, geometry: geometry) { values in values.max() ?? 0 }
    }
}
