import ZKChain
import ZKProof

extension NodeAPI {
    /// `GET /v1/models/{id}`: a model's record as of the node's tip.
    public struct Model: Codable, Sendable, Equatable {
        public var modelID: String
        public var circuitDigest: String
        public var weightsCommitment: String
        public var owner: String
        public var name: String
        public var version: String
        public var registeredAt: UInt64
        public var revokedAt: UInt64?
        public var revoked: Bool

        enum CodingKeys: String, CodingKey {
            case modelID = "model_id", circuitDigest = "circuit_digest", weightsCommitment = "weights_commitment"
            case owner, name, version, registeredAt = "registered_at", revokedAt = "revoked_at", revoked
        }

        public init(_ record: ModelRecord) {
            modelID = record.modelID.hex
            circuitDigest = record.circuitDigest.hex
            weightsCommitment = record.weightsCommitment.hex
            owner = record.owner.hex
            name = record.name
            version = record.version
            registeredAt = record.registeredAt
            revokedAt = record.revokedAt
            revoked = record.isRevoked
        }

        /// `revoked_at` is always written, `null` while the model is valid.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(modelID, forKey: .modelID)
            try container.encode(circuitDigest, forKey: .circuitDigest)
            try container.encode(weightsCommitment, forKey: .weightsCommitment)
            try container.encode(owner, forKey: .owner)
            try container.encode(name, forKey: .name)
            try container.encode(version, forKey: .version)
            try container.encode(registeredAt, forKey: .registeredAt)
            try container.encode(revokedAt, forKey: .revokedAt)
            try container.encode(revoked, forKey: .revoked)
        }

        /// The record these fields describe, nil if a digest or key is not valid hex.
        public var record: ModelRecord? {
            guard let modelID = Digest(hex: modelID), let circuitDigest = Digest(hex: circuitDigest),
                  let weightsCommitment = Digest(hex: weightsCommitment), let owner = PublicKey(hex: owner)
            else { return nil }
            return ModelRecord(modelID: modelID, circuitDigest: circuitDigest, weightsCommitment: weightsCommitment,
                               owner: owner, name: name, version: version, registeredAt: registeredAt, revokedAt: revokedAt)
        }
    }
}
