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

    /// The model by shapes: its weight tensors' values are not part of a circuit, and a
    /// skeleton has none to read.
    public let skeleton: ModelSkeleton
    public let layout: WeightsLayout
    public let encodedSkeleton: [UInt8]
    public let digest: Digest

    public init(compiling model: QuantizedModel) {
        let skeleton = model.skeleton
        self.init(skeleton: skeleton, encodedSkeleton: skeleton.encoded())
    }

    /// Decodes an untrusted skeleton (as stored in a model descriptor).
    public init(decodingSkeleton bytes: [UInt8]) throws(ModelFileError) {
        self.init(skeleton: try ModelSkeleton(decoding: bytes), encodedSkeleton: bytes)
    }

    init(skeleton: ModelSkeleton, encodedSkeleton: [UInt8]) {
        self.skeleton = skeleton
        self.layout = WeightsLayout(model: skeleton)
        self.encodedSkeleton = encodedSkeleton
        var hasher = SHA256()
        hasher.update(Self.domain)
        hasher.update(encodedSkeleton)
        digest = hasher.finalize()
    }
}
