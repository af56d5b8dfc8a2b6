extension ConcatLayer {
    /// Along the channel axis of tensors with one sample: channel-major storage, so the output
    /// is the inputs one after another.
    static func reference(_ inputs: [Tensor<Float>], outputShape: [Int]) -> Tensor<Float> {
        Tensor(shape: outputShape, scalars: inputs.flatMap(\.scalars))
    }
}
