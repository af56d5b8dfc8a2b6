/// Transpose: a permutation of a tensor's axes that keeps the batch axis first — the elements
/// relabelled, the scale unchanged. Import folds one before a Flatten→Dense into the weights
/// (`TranspositionFolding`); any other (tf2onnx's NHWC → NCHW of the input, a channel shuffle)
/// is this layer.
enum TransposeLayer {
    static func evaluate(_ layer: QuantizedLayer, _ x: Tensor<Int8>, permutation: [Int]) -> (Tensor<Int8>, LayerWitness) {
        let sources = TranspositionFolding.flatSources(inputShape: x.shape, permutation: permutation)
        return (Tensor(shape: layer.outputShape, scalars: sources.map { x.scalars[$0] }), .none)
    }

    static func compile(_ c: inout LayerCompilation, permutation: [Int]) throws(CircuitCompilationError) -> LayerPlan.Step {
        guard c.inputLayout.shape == c.logicalInput, permutation.count == c.logicalInput.count, permutation.first == 0,
              permutation.map({ c.logicalInput[$0] }) == c.outputLayout.shape else {
            throw c.unsupported("a transpose needs an input in its own layout and a permutation that keeps the batch axis first")
        }
        return .transpose(permutation: permutation)
    }
}
