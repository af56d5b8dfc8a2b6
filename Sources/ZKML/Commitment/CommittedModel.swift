import ZKProof

/// The private model file (`.zkm`): the quantized model with its weights, the secret seed of its
/// weights commitment's row blindings, and the commitment itself, so that `commit` and `prove`
/// never recompute it (on a VGG-16 that would be seconds of group operations per call).
///
/// Layout, version 1: "ZKMC" ‖ u16 version ‖ u32 model length ‖ model (the `QuantizedModel`
/// encoding, "ZKM1") ‖ 32-byte blinding seed ‖ u32 commitment length ‖ Pedersen commitment.
/// Files that start with "ZKM1" are models from before the hiding commitment: refused, with a
/// request to re-import.
public struct CommittedModel: Sendable, Equatable {
    public static let magic = Array("ZKMC".utf8)
    public static let version: UInt16 = 1
    /// What to tell the owner of a `ZKM1` file (a model from before the hiding commitment).
    public static let legacyFileAdvice = "this model file is from an earlier zkinfer, before weights commitments were hiding; "
        + "re-create it with `zkinfer import` (and publish the new descriptor)"

    public let model: QuantizedModel
    public let blindingSeed: BlindingSeed
    public let descriptor: ModelDescriptor

    /// Commits to `model`'s weights with blindings derived from `blindingSeed` (fresh from the
    /// system CSPRNG unless a golden test fixes it).
    public init(committing model: QuantizedModel, blindingSeed: BlindingSeed = .fresh()) {
        self.model = model
        self.blindingSeed = blindingSeed
        descriptor = ModelCommitment.commit(model, circuit: Circuit(compiling: model), blindingSeed: blindingSeed).descriptor
    }

    /// The prover's data for the weights commitment, rebuilt from the seed (no group operations).
    public var weightsProverData: PedersenCommitmentScheme.ProverData {
        PedersenCommitmentScheme().proverData(ModelCommitment.weightsPolynomial(model, layout: descriptor.circuit.layout),
                                              commitment: descriptor.weightsCommitment, blindingSeed: blindingSeed)
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        let modelBytes = model.encoded()
        writer.write(UInt32(modelBytes.count))
        writer.write(raw: modelBytes)
        writer.write(raw: blindingSeed.bytes)
        let commitment = descriptor.weightsCommitment.encoded
        writer.write(UInt32(commitment.count))
        writer.write(raw: commitment)
        return writer.bytes
    }

    /// Decodes a private model file. The commitment is checked against the circuit's shape, not
    /// recomputed: the file is the owner's own, and a commitment that does not match the weights
    /// only makes every proof fail to verify.
    public init(decoding bytes: [UInt8]) throws(ModelFileError) {
        if bytes.starts(with: QuantizedModel.fileMagic) {
            throw .decoding(Self.legacyFileAdvice)
        }
        let (modelBytes, seedBytes, commitmentBytes) = try ModelFileError.decoding {
            var reader = ByteReader(bytes)
            let magic = try reader.readRaw(4, "magic")
            guard magic == Self.magic else { throw ModelFileError.decoding("not a zkinfer private model (bad magic)") }
            let version = try reader.readUInt16("version")
            guard version == Self.version else {
                throw ModelFileError.decoding("private model version \(version); this build reads version \(Self.version)")
            }
            let modelBytes = try reader.readRaw(try reader.readCount("model length", limit: bytes.count), "model")
            let seedBytes = try reader.readRaw(BlindingSeed.byteCount, "blinding seed")
            let commitmentBytes = try reader.readRaw(try reader.readCount("commitment length", limit: ModelDescriptor.maximumCommitmentBytes),
                                                     "weights commitment")
            try reader.finish()
            return (modelBytes, seedBytes, commitmentBytes)
        }
        model = try QuantizedModel(decoding: modelBytes)
        blindingSeed = BlindingSeed(bytes: seedBytes)!
        let circuit = Circuit(compiling: model)
        let commitment = try ModelDescriptor.weightsCommitment(decoding: commitmentBytes, for: circuit)
        descriptor = ModelDescriptor(circuit: circuit, weightsCommitment: commitment)
    }
}
