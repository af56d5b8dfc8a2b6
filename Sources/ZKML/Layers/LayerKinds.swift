/// The registration list of layer kinds that live in their own folder under `Layers/`. Adding a
/// kind is its folder plus one line here.
enum LayerKinds {
    /// Elementwise activations proven as int8 → int8 lookup tables, by ONNX operator type.
    static let tableActivations: [any TableActivation.Type] = [
        Sigmoid.self,
        Tanh.self,
        LeakyRelu.self,
    ]
}
