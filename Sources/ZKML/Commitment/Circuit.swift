import ZKProof

/// The public statement side of a model: everything a verifier needs and nothing it must not see.
/// It is the quantized model's skeleton (layers, shapes, scales, rescale constants, lookup tables,
/// pooling geometry; weight tensors by shape only) plus the weights layout derived from it.
/// Compiled once from a `QuantizedModel`; proofs are made and checked against it many times.
///
/// `digest` = SHA-256("zkinfer.circuit.v1" ‖ skeleton bytes), where the skeleton bytes are the
/// canonical `.zkm` encoding with the weights omitted. Padded shapes and the layout are derived
/// from the skeleton, so they are bound by the digest too.
public struct Circuit: Sendable, Equatable {
    public static let domain = Array("zkinfer.circuit.v1".utf8)

    /// The model with its weight and bias values zeroed.
    public let skeleton: QuantizedModel
    public let layout: WeightsLayout
    public let encodedSkeleton: [UInt8]
    public let digest: Digest

    public init(compiling model: QuantizedModel) {
        self.init(skeleton: model, encodedSkeleton: model.encoded(includingWeights: false))
    }

    /// Decodes an untrusted skeleton (as stored in a model descriptor).
    public init(decodingSkeleton bytes: [UInt8]) throws(ModelFileError) {
        let skeleton = try QuantizedModel(decoding: bytes, expectingWeights: false)
        self.init(skeleton: skeleton, encodedSkeleton: bytes)
    }

    init(skeleton model: QuantizedModel, encodedSkeleton: [UInt8]) {
        // Decoding zero-fills the omitted values; do the same here so both paths compare equal.
        var skeleton = model
        for index in skeleton.layers.indices {
            switch skeleton.layers[index].operation {
            case let .dense(weights, bias, rescale):
                skeleton.layers[index].operation = .dense(weights: Tensor(shape: weights.shape, repeating: 0),
                                                          bias: [Int32](repeating: 0, count: bias.count), rescale: rescale)
            case let .conv(weights, bias, geometry, rescale):
                skeleton.layers[index].operation = .conv(weights: Tensor(shape: weights.shape, repeating: 0),
                                                         bias: [Int32](repeating: 0, count: bias.count),
                                                         geometry: geometry, rescale: rescale)
            default:
                break
            }
        }
        self.skeleton = skeleton
        self.layout = WeightsLayout(model: skeleton)
        self.encodedSkeleton = encodedSkeleton
        var hasher = SHA256()
        hasher.update(Self.domain)
        hasher.update(encodedSkeleton)
        digest = hasher.finalize()
    }
}
