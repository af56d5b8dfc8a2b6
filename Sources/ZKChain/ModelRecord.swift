import ZKProof

/// A registered model as the chain knows it after some block: what was registered, by whom,
/// when, and whether (and when) it was revoked. Its canonical encoding is a leaf of the
/// header's `modelsRoot`.
public struct ModelRecord: Sendable, Hashable {
    public var modelID: Digest
    public var circuitDigest: Digest
    public var weightsCommitment: Digest
    /// The registering sender; the only key that may revoke.
    public var owner: PublicKey
    public var name: String
    public var version: String
    /// Height of the block that registered it.
    public var registeredAt: UInt64
    /// Height of the block that revoked it, nil while valid.
    public var revokedAt: UInt64?

    static let encodingVersion: UInt8 = 1
    /// Digests, owner, two maximal strings with their lengths, heights and the flag.
    static let maximumEncodedByteCount = 1 + 4 * 32 + 2 * (4 + ChainLimits.maximumStringBytes) + 8 + 1 + 8

    public init(modelID: Digest, circuitDigest: Digest, weightsCommitment: Digest, owner: PublicKey,
                name: String, version: String, registeredAt: UInt64, revokedAt: UInt64? = nil) {
        self.modelID = modelID
        self.circuitDigest = circuitDigest
        self.weightsCommitment = weightsCommitment
        self.owner = owner
        self.name = name
        self.version = version
        self.registeredAt = registeredAt
        self.revokedAt = revokedAt
    }

    /// The record a registration creates at `height`.
    init(registration: ModelRegistration, owner: PublicKey, height: UInt64) {
        self.init(modelID: registration.modelID, circuitDigest: registration.circuitDigest,
                  weightsCommitment: registration.weightsCommitment, owner: owner,
                  name: registration.name, version: registration.version, registeredAt: height)
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// Version, model ID, circuit digest, weights commitment, owner, name, version string,
    /// registration height, revocation (0, or 1 and the height).
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(Self.encodingVersion)
        writer.write(modelID)
        writer.write(circuitDigest)
        writer.write(weightsCommitment)
        writer.write(owner)
        writer.write(string: name)
        writer.write(string: version)
        writer.write(registeredAt)
        writer.write(optional: revokedAt)
        return writer.bytes
    }

    /// Equal when the encodings (the leaves) are: synthesized equality would compare strings by
    /// Unicode canonical equivalence, equating records whose leaves differ.
    public static func == (a: ModelRecord, b: ModelRecord) -> Bool { a.encoded() == b.encoded() }

    public func hash(into hasher: inout Hasher) { hasher.combine(encoded()) }

    /// The record's leaf hash under `modelsRoot`.
    public var leafHash: Digest { MerkleTree.leafHash(encoded()) }

    public init(decoding bytes: [UInt8]) throws(ChainDecodingError) {
        guard bytes.count <= Self.maximumEncodedByteCount else {
            throw .tooLarge(what: "model record", size: bytes.count, limit: Self.maximumEncodedByteCount)
        }
        do {
            var reader = ByteReader(bytes)
            try reader.expectVersion("model record", supported: Self.encodingVersion)
            let limit = ChainLimits.maximumStringBytes
            self.init(modelID: try reader.readDigest("model ID"),
                      circuitDigest: try reader.readDigest("circuit digest"),
                      weightsCommitment: try reader.readDigest("weights commitment"),
                      owner: try reader.readPublicKey("owner"),
                      name: try reader.readString("model name", limit: limit),
                      version: try reader.readString("model version", limit: limit),
                      registeredAt: try reader.readUInt64("registration height"),
                      revokedAt: try reader.readOptionalUInt64("revocation height"))
            try reader.finish()
        } catch {
            throw .malformed(error)
        }
    }
}
