import ZKProof

/// One proven prediction as the audit trail records it: the model and the SHA-256 digests of
/// the proof's int8 input, its int8 output and the proof's bytes. Batches of these are the
/// leaves under an AttestInferenceBatch's root; anyone holding the proof recomputes its leaf.
public struct InferenceAttestation: Sendable, Equatable {
    public var modelID: Digest
    public var inputDigest: Digest
    public var outputDigest: Digest
    public var proofDigest: Digest

    public init(modelID: Digest, inputDigest: Digest, outputDigest: Digest, proofDigest: Digest) {
        self.modelID = modelID
        self.inputDigest = inputDigest
        self.outputDigest = outputDigest
        self.proofDigest = proofDigest
    }

    /// The attestation of a proof about `modelID` with this input and output (int8 values, one
    /// byte each in two's complement: the digests `zkinfer verify` prints) and these bytes.
    public init(modelID: Digest, input: [Int8], output: [Int8], proof: [UInt8]) {
        self.init(modelID: modelID, inputDigest: SHA256.hash(input.map { UInt8(bitPattern: $0) }),
                  outputDigest: SHA256.hash(output.map { UInt8(bitPattern: $0) }), proofDigest: SHA256.hash(proof))
    }

    /// The four digests in order: 128 bytes.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        for digest in [modelID, inputDigest, outputDigest, proofDigest] { writer.write(digest) }
        return writer.bytes
    }

    /// Its leaf in the batch's RFC 6962 tree.
    public var leafHash: Digest { MerkleTree.leafHash(encoded()) }
}
