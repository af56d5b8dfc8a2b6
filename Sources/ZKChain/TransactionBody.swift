import ZKProof

/// What a transaction does. Each case's encoding starts with its tag byte.
public enum TransactionBody: Sendable, Hashable {
    /// Registers a model under a fresh model ID; the sender becomes its owner.
    case registerModel(ModelRegistration)
    /// Marks a model revoked; only its owner may, and only once.
    case revokeModel(modelID: Digest)
    /// Records a dataset's Merkle root and size (number of samples), for provenance.
    case registerDataset(merkleRoot: Digest, size: UInt64, name: String)
    /// Records that a proof about `modelID` mapped an input to an output: an audit trail.
    case attestInference(modelID: Digest, inputDigest: Digest, outputDigest: Digest, proofDigest: Digest)
    /// Records `count` inferences of `modelID` at once: `root` is the RFC 6962 Merkle root over
    /// their `InferenceAttestation` leaves (each client holds its leaf's path). Only the model's
    /// owner may attest for it, so an attestation says the provider logged the prediction.
    case attestInferenceBatch(modelID: Digest, root: Digest, count: UInt32)

    enum Tag: UInt8 {
        case registerModel = 1
        case revokeModel = 2
        case registerDataset = 3
        case attestInference = 4
        case attestInferenceBatch = 5
    }

    var tag: Tag {
        switch self {
        case .registerModel: .registerModel
        case .revokeModel: .revokeModel
        case .registerDataset: .registerDataset
        case .attestInference: .attestInference
        case .attestInferenceBatch: .attestInferenceBatch
        }
    }

    /// A short name for messages.
    public var kind: String {
        switch self {
        case .registerModel: "RegisterModel"
        case .revokeModel: "RevokeModel"
        case .registerDataset: "RegisterDataset"
        case .attestInference: "AttestInference"
        case .attestInferenceBatch: "AttestInferenceBatch"
        }
    }

    func write(into writer: inout ByteWriter) {
        writer.write(tag.rawValue)
        switch self {
        case let .registerModel(registration):
            writer.write(registration.modelID)
            writer.write(registration.circuitDigest)
            writer.write(registration.weightsCommitment)
            writer.write(string: registration.name)
            writer.write(string: registration.version)
            let entries = registration.sortedMetadata
            writer.write(UInt32(clamping: entries.count))
            for entry in entries {
                writer.write(string: entry.key)
                writer.write(string: entry.value)
            }
        case let .revokeModel(modelID):
            writer.write(modelID)
        case let .registerDataset(merkleRoot, size, name):
            writer.write(merkleRoot)
            writer.write(size)
            writer.write(string: name)
        case let .attestInference(modelID, inputDigest, outputDigest, proofDigest):
            writer.write(modelID)
            writer.write(inputDigest)
            writer.write(outputDigest)
            writer.write(proofDigest)
        case let .attestInferenceBatch(modelID, root, count):
            writer.write(modelID)
            writer.write(root)
            writer.write(count)
        }
    }

    /// Reads a body, enforcing every limit and the canonical metadata order.
    static func read(from reader: inout ByteReader) throws(DecodingError) -> TransactionBody {
        let tagOffset = reader.offset
        let rawTag = try reader.readUInt8("transaction type")
        guard let tag = Tag(rawValue: rawTag) else {
            throw .invalidValue(what: "transaction type", offset: tagOffset, reason: "unknown tag \(rawTag)")
        }
        let stringLimit = ChainLimits.maximumStringBytes
        switch tag {
        case .registerModel:
            let modelID = try reader.readDigest("model ID")
            let circuitDigest = try reader.readDigest("circuit digest")
            let weightsCommitment = try reader.readDigest("weights commitment")
            let name = try reader.readString("model name", limit: stringLimit)
            let version = try reader.readString("model version", limit: stringLimit)
            let count = try reader.readCount("metadata entry count", limit: ChainLimits.maximumMetadataEntries)
            var metadata = [String: String](minimumCapacity: count)
            var previousKey: String?
            for index in 0..<count {
                let keyOffset = reader.offset
                let key = try reader.readString("metadata key \(index)", limit: stringLimit)
                let value = try reader.readString("metadata value \(index)", limit: ChainLimits.maximumMetadataEntryBytes)
                let entryBytes = key.utf8.count + value.utf8.count
                guard entryBytes <= ChainLimits.maximumMetadataEntryBytes else {
                    throw .limitExceeded(what: "metadata entry \(index)", offset: keyOffset,
                                         value: entryBytes, limit: ChainLimits.maximumMetadataEntryBytes)
                }
                if let previousKey, !utf8Precedes(previousKey, key) {
                    throw .invalidValue(what: "metadata key \(index)", offset: keyOffset,
                                        reason: "keys must be unique and in ascending byte order")
                }
                // Byte-distinct keys that Swift considers equal (canonically equivalent Unicode)
                // would collapse into one dictionary entry and re-encode differently.
                guard metadata.updateValue(value, forKey: key) == nil else {
                    throw .invalidValue(what: "metadata key \(index)", offset: keyOffset,
                                        reason: "canonically equivalent to an earlier key")
                }
                previousKey = key
            }
            return .registerModel(ModelRegistration(modelID: modelID, circuitDigest: circuitDigest,
                                                    weightsCommitment: weightsCommitment, name: name,
                                                    version: version, metadata: metadata))
        case .revokeModel:
            return .revokeModel(modelID: try reader.readDigest("model ID"))
        case .registerDataset:
            let merkleRoot = try reader.readDigest("dataset Merkle root")
            let size = try reader.readUInt64("dataset size")
            let name = try reader.readString("dataset name", limit: stringLimit)
            return .registerDataset(merkleRoot: merkleRoot, size: size, name: name)
        case .attestInference:
            return .attestInference(modelID: try reader.readDigest("model ID"),
                                    inputDigest: try reader.readDigest("input digest"),
                                    outputDigest: try reader.readDigest("output digest"),
                                    proofDigest: try reader.readDigest("proof digest"))
        case .attestInferenceBatch:
            return .attestInferenceBatch(modelID: try reader.readDigest("model ID"), root: try reader.readDigest("attestation root"),
                                         count: try reader.readUInt32("attestation count"))
        }
    }

    /// The first size limit this body breaks, if any (bodies built in memory are not bounded
    /// by a decoder).
    /// The first field holding a character the chain refuses (`ChainText`), with that
    /// character.
    func forbiddenCharacter() -> (field: String, scalar: Unicode.Scalar)? {
        func check(_ field: String, _ text: String) -> (field: String, scalar: Unicode.Scalar)? {
            ChainText.firstForbiddenScalar(in: text).map { (field, $0) }
        }
        switch self {
        case let .registerModel(registration):
            if let found = check("model name", registration.name) ?? check("model version", registration.version) { return found }
            for (key, value) in registration.sortedMetadata {
                if let found = check("metadata key", key) ?? check("metadata value of a key", value) { return found }
            }
            return nil
        case let .registerDataset(_, _, name):
            return check("dataset name", name)
        case .revokeModel, .attestInference, .attestInferenceBatch:
            return nil
        }
    }

    func limitViolation() -> LimitViolation? {
        let stringLimit = ChainLimits.maximumStringBytes
        func check(_ what: String, _ string: String, limit: Int = stringLimit) -> LimitViolation? {
            let size = string.utf8.count
            return size > limit ? LimitViolation(what: what, size: size, limit: limit) : nil
        }
        switch self {
        case let .registerModel(registration):
            if let violation = check("model name", registration.name) { return violation }
            if let violation = check("model version", registration.version) { return violation }
            guard registration.metadata.count <= ChainLimits.maximumMetadataEntries else {
                return LimitViolation(what: "metadata entries", size: registration.metadata.count,
                                      limit: ChainLimits.maximumMetadataEntries)
            }
            for (key, value) in registration.sortedMetadata {
                if let violation = check("metadata key \"\(key.prefix(40))\"", key) { return violation }
                let entryBytes = key.utf8.count + value.utf8.count
                if entryBytes > ChainLimits.maximumMetadataEntryBytes {
                    return LimitViolation(what: "metadata entry \"\(key.prefix(40))\"", size: entryBytes,
                                          limit: ChainLimits.maximumMetadataEntryBytes)
                }
            }
            return nil
        case let .registerDataset(_, _, name):
            return check("dataset name", name)
        case .revokeModel, .attestInference, .attestInferenceBatch:
            return nil
        }
    }
}
