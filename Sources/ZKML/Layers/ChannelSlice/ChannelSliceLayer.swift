/// ChannelSlice: channels start ..< start + C_out of the input, unchanged (the same scale); what
/// Split and a channel Slice become. Float reference, integer inference and circuit.
enum ChannelSliceLayer {
    /// Channel-major storage with one sample: the slice is one contiguous run.
    static func reference(_ x: Tensor<Float>, start: Int, outputShape: [Int]) -> Tensor<Float> {
        let area = x.shape.dropFirst(2).reduce(1, *)
        return Tensor(shape: outputShape, scalars: Array(x.scalars[(start * area)..<((start + outputShape[1]) * area)]))
    }

    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, start: Int) -> (Tensor<Int8>, LayerWitness) {
        let area = x.shape.dropFirst(2).reduce(1, *)
        return (Tensor(shape: layer.outputShape, scalars: Array(x.scalars[(start * area)..<((start + layer.outputShape[1]) * area)])), .none)
    }

    static func compile(_ c: inout LayerCompilation, start: Int) throws(CircuitCompilationError) -> LayerPlan.Step {
        let output = c.outputLayout.shape
        guard c.inputLayout.shape == c.logicalInput, c.logicalInput.count == output.count, output.count >= 2,
              c.logicalInput.indices.allSatisfy({ $0 == 1 || c.logicalInput[$0] == output[$0] }),
              start >= 0, start + output[1] <= c.logicalInput[1] else {
            throw c.unsupported("a channel slice needs an input laid out like its output but for the channel axis")
        }
        return .channelSlice(start: start)
    }
}
