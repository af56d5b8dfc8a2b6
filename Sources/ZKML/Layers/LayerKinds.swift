/// The registration list of layer kinds: every ONNX operator zkinfer imports, by the importer
/// type in its kind's folder under `Layers/`, and the table activations, which need nothing else
/// (their import, evaluation, quantization, circuit and protocol are generic). Adding a table
/// activation is its folder plus one line in `tableActivations`.
enum LayerKinds {
    /// Elementwise activations proven as int8 → int8 lookup tables, by ONNX operator type.
    static let tableActivations: [any TableActivation.Type] = [
        Sigmoid.self,
        Tanh.self,
        LeakyRelu.self,
        HardSigmoid.self,
        HardSwish.self,
    ]

    /// Every supported ONNX operator's importer.
    static let importers: [any ONNXOperatorImporter.Type] = [
        GemmImporter.self, MatMulImporter.self,            // Layers/Dense
        ConvImporter.self,                                 // Layers/Conv
        ReluImporter.self, ClipImporter.self,              // Layers/Clamp
        MaxPoolImporter.self,                              // Layers/MaxPool
        AveragePoolImporter.self,                          // Layers/AveragePool
        GlobalAveragePoolImporter.self, ReduceMeanImporter.self,  // Layers/GlobalAveragePool
        FlattenImporter.self, ReshapeImporter.self,        // Layers/Reshape
        AddImporter.self,                                  // Layers/Add
        SplitImporter.self,                                // Layers/ChannelSlice (and Slice of channels)
        PReluImporter.self,                                // Layers/PRelu
        BatchNormalizationImporter.self, MulImporter.self, DivImporter.self, SubImporter.self,  // Layers/BatchNormalization
        IdentityImporter.self, DropoutImporter.self, SoftmaxImporter.self, LogSoftmaxImporter.self,  // Import/Operators: renamings
        ConstantImporter.self, CastImporter.self,          // Import/Operators: constants and casts
        TransposeImporter.self, PadImporter.self,          // Import/Operators: folded into the next layer
        ShapeImporter.self, GatherImporter.self, UnsqueezeImporter.self, SqueezeImporter.self, SliceImporter.self,
        ConstantOfShapeImporter.self, ConcatImporter.self,  // Import/Operators: shape arithmetic
    ] + tableActivations.map { $0.importer }
}
