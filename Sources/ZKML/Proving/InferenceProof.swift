import ZKAlgebra
import ZKProof

/// A proof that the model `modelID` maps `input` to `output` (a batch of `batchSize` samples).
///
/// `.zkp` wire format, version 4 (little-endian; version 3 sent hidden values in the clear and
/// committed the witness with Ligero, version 2 also opened the weights with Ligero, version 1
/// length-prefixed each opening):
/// "ZKPF" ‖ u16 version ‖ model ID (32) ‖ u32 batch size ‖ u32 n_in ‖ n_in int8 ‖ u32 n_out ‖
/// n_out int8 ‖ u8 witness variables v ‖ the witness's 2^⌈v/2⌉ row commitments (uncompressed,
/// 64 bytes each: the verifier checks the curve equation instead of taking square roots) ‖
/// u32 body length ‖ body.
/// The body is the zero-knowledge proof stream (commitments, sigma-protocol responses, openings)
/// whose every length follows from the circuit, so the verifier never allocates what the bytes
/// ask for.
public struct InferenceProof: Sendable, Equatable {
    public static let magic = Array("ZKPF".utf8)
    public static let version: UInt16 = 4
    public static let maximumBodyBytes = 1 << 30
    public static let maximumTensorElements = 1 << 24

    public var modelID: Digest
    public var batchSize: Int
    /// The batch's int8 inputs, sample after sample, each in the model's row-major input order.
    public var input: [Int8]
    public var output: [Int8]
    public var witnessCommitment: PedersenCommitmentScheme.Commitment
    public var body: [UInt8]

    public init(modelID: Digest, batchSize: Int, input: [Int8], output: [Int8],
                witnessCommitment: PedersenCommitmentScheme.Commitment, body: [UInt8]) {
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
        writer.write(UInt8(witnessCommitment.variableCount))
        for row in witnessCommitment.rows { writer.write(raw: row.uncompressed) }
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
        let variablesOffset = reader.offset
        let variables = Int(try reader.readUInt8("witness variable count"))
        guard variables <= ProofParameters.maximumWitnessVariables else {
            throw .limitExceeded(what: "witness variable count", offset: variablesOffset, value: variables,
                                 limit: ProofParameters.maximumWitnessVariables)
        }
        var rows = [G1Affine]()
        for row in 0..<PedersenCommitmentScheme.Layout(variableCount: variables).rowCount {
            rows.append(try reader.readUncompressedPoint("witness row commitment \(row)"))
        }
        witnessCommitment = PedersenCommitmentScheme.Commitment(variableCount: variables, rows: rows)
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
