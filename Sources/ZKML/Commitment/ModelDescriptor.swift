import ZKProof

/// What a verifier needs about a model (`.zkpub`): the circuit, the weights commitment and the
/// model ID derived from both; no weights.
///
/// Layout, version 2: "ZKPB" ‖ u16 version ‖ u32 skeleton length ‖ skeleton ‖ u32 commitment
/// length ‖ Pedersen weights commitment (u8 version ‖ u8 variable count ‖ 32-byte row commitments) ‖
/// 32-byte model ID. (Version 1 held a 34-byte Ligero commitment.) Decoding recomputes the circuit digest and the model ID and rejects a file
/// whose stored ID disagrees, before anything else uses it.
public struct ModelDescriptor: Sendable, Equatable {
    public static let magic = Array("ZKPB".utf8)
    public static let version: UInt16 = 2
    public static let maximumSkeletonBytes = 64 << 20
    /// 2 + 32·2^15 bytes: the row commitments of a 2^30-entry weights polynomial.
    public static let maximumCommitmentBytes = 2 + 32 << 15

    public let circuit: Circuit
    public let weightsCommitment: PedersenCommitmentScheme.Commitment
    public let modelID: Digest

    public init(circuit: Circuit, weightsCommitment: PedersenCommitmentScheme.Commitment) {
        self.circuit = circuit
        self.weightsCommitment = weightsCommitment
        modelID = ModelCommitment.modelID(circuitDigest: circuit.digest, weightsDigest: weightsCommitment.digest)
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(UInt32(circuit.encodedSkeleton.count))
        writer.write(raw: circuit.encodedSkeleton)
        let commitment = weightsCommitment.encoded
        writer.write(UInt32(commitment.count))
        writer.write(raw: commitment)
        writer.write(modelID)
        return writer.bytes
    }

    /// Decodes a stored weights commitment and checks that it has the size `circuit`'s weights
    /// layout needs (shared by the descriptor and the private model file).
    static func weightsCommitment(decoding bytes: [UInt8], for circuit: Circuit) throws(ModelFileError) -> PedersenCommitmentScheme.Commitment {
        let commitment: PedersenCommitmentScheme.Commitment
        do {
            commitment = try ByteReader.decodeWhole(bytes) { reader throws(DecodingError) in
                try PedersenCommitmentScheme.Commitment(decoding: &reader)
            }
        } catch {
            throw .decoding("weights commitment: \(error)")
        }
        guard commitment.variableCount == circuit.layout.variableCount else {
            throw .invalid("the weights commitment has \(commitment.variableCount) variables, the circuit's layout \(circuit.layout.variableCount)")
        }
        return commitment
    }

    public init(decoding bytes: [UInt8]) throws(ModelFileError) {
        let (skeleton, commitmentBytes, storedID) = try ModelFileError.decoding {
            var reader = ByteReader(bytes)
            let magic = try reader.readRaw(4, "descriptor magic")
            guard magic == Self.magic else { throw ModelFileError.decoding("not a zkinfer model descriptor (bad magic)") }
            let version = try reader.readUInt16("descriptor version")
            guard version == Self.version else {
                throw ModelFileError.decoding(version < Self.version
                    ? "descriptor version \(version) is from an earlier zkinfer (non-hiding weights commitment); re-create it with `zkinfer import` and `zkinfer commit`"
                    : "descriptor version \(version); this build reads version \(Self.version)")
            }
            let length = try reader.readCount("circuit length", limit: Self.maximumSkeletonBytes)
            let skeleton = try reader.readRaw(length, "circuit")
            let commitmentLength = try reader.readCount("weights commitment length", limit: Self.maximumCommitmentBytes)
            let commitmentBytes = try reader.readRaw(commitmentLength, "weights commitment")
            let storedID = try reader.readDigest("model ID")
            try reader.finish()
            return (skeleton, commitmentBytes, storedID)
        }
        let circuit = try Circuit(decodingSkeleton: skeleton)
        let commitment = try Self.weightsCommitment(decoding: commitmentBytes, for: circuit)
        self.init(circuit: circuit, weightsCommitment: commitment)
        guard modelID == storedID else {
            throw .invalid("model ID \(storedID) does not match the circuit and commitment (which give \(modelID))")
        }
    }
}
