import ZKAlgebra
import ZKProof

/// A proof that the model `modelID` maps `input` to `output` (a batch of `batchSize` samples).
///
/// `.zkp` wire format, version 3 (little-endian; version 2 opened the weights with Ligero, and
/// version 1 also length-prefixed each opening and gave it a header repeating known parameters):
/// "ZKPF" ‖ u16 version ‖ model ID (32) ‖ u32 batch size ‖ u32 n_in ‖ n_in int8 ‖ u32 n_out ‖
/// n_out int8 ‖ witness root (32) ‖ u8 witness variables ‖ u32 body length ‖ body.
/// The body is the proof stream (field elements, sumchecks, lookups, openings) whose every length
/// follows from the circuit, so the verifier never allocates what the bytes ask for.
public struct InferenceProof: Sendable, Equatable {
    public static let magic = Array("ZKPF".utf8)
    public static let version: UInt16 = 3
    public static let maximumBodyBytes = 1 << 30
    public static let maximumTensorElements = 1 << 24

    public var modelID: Digest
    public var batchSize: Int
    /// The batch's int8 inputs, sample after sample, each in the model's row-major input order.
    public var input: [Int8]
    public var output: [Int8]
    public var witnessCommitment: LigeroCommitmentScheme.Commitment
    public var body: [UInt8]

    public init(modelID: Digest, batchSize: Int, input: [Int8], output: [Int8],
                witnessCommitment: LigeroCommitmentScheme.Commitment, body: [UInt8]) {
        self.modelID = modelID
        self.batchSize = batchSize
        self.input = input
        self.output = output
        self.witnessCommitment = witnessCommitment
        self.body = body
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(modelID)
        writer.write(UInt32(batchSize))
        writer.write(UInt32(input.count))
        writer.write(raw: input.map { UInt8(bitPattern: $0) })
        writer.write(UInt32(output.count))
        writer.write(raw: output.map { UInt8(bitPattern: $0) })
        writer.write(witnessCommitment.root)
        writer.write(UInt8(witnessCommitment.variableCount))
        writer.write(UInt32(body.count))
        writer.write(raw: body)
        return writer.bytes
    }

    /// Decodes untrusted bytes; rejects a bad magic or version, oversized counts, truncation and
    /// trailing bytes.
    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        var reader = ByteReader(bytes)
        let magic = try reader.readRaw(4, "magic")
        guard magic == Self.magic else { throw .badMagic(expected: Self.magic, got: magic) }
        let version = try reader.readUInt16("version")
        guard version == Self.version else { throw .unsupportedVersion(what: "proof", got: Int(version), supported: Int(Self.version)) }
        modelID = try reader.readDigest("model ID")
        batchSize = try reader.readCount("batch size", limit: ProofParameters.maximumBatchSize)
        guard batchSize >= 1 else { throw .invalidValue(what: "batch size", offset: reader.offset - 4, reason: "zero") }
        let inputCount = try reader.readCount("input length", limit: Self.maximumTensorElements)
        input = try reader.readRaw(inputCount, "input").map { Int8(bitPattern: $0) }
        let outputCount = try reader.readCount("output length", limit: Self.maximumTensorElements)
        output = try reader.readRaw(outputCount, "output").map { Int8(bitPattern: $0) }
        let root = try reader.readDigest("witness commitment")
        let variables = Int(try reader.readUInt8("witness variable count"))
        guard variables <= 40 else {
            throw .limitExceeded(what: "witness variable count", offset: reader.offset - 1, value: variables, limit: 40)
        }
        witnessCommitment = LigeroCommitmentScheme.Commitment(root: root, variableCount: variables)
        let bodyCount = try reader.readCount("body length", limit: Self.maximumBodyBytes)
        body = try reader.readRaw(bodyCount, "body")
        try reader.finish()
    }

    /// The outputs as one tensor per sample.
    public func outputs(shape: [Int]) -> [Tensor<Int8>] {
        let count = shape.reduce(1, *)
        guard count > 0, output.count == count * batchSize else { return [] }
        return (0..<batchSize).map { Tensor(shape: shape, scalars: Array(output[($0 * count)..<(($0 + 1) * count)])) }
    }
}
