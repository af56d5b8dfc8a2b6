import ZKChain
import ZKML
import ZKProof

/// Everything a client needs to check one prediction offline, in one file (`.zkr`): the proof
/// (which holds the input and output), the model's public descriptor and its registration
/// receipt; with the chain's genesis, `OfflineVerifier.verify(_:genesis:)` checks it all.
/// Layout: "ZKRB", version 1, then each part as a UInt32 little-endian length and its bytes
/// (proof, descriptor, receipt, attestation receipt — empty when there is none).
public struct PredictionBundle: Sendable, Equatable {
    public var proof: [UInt8]
    public var descriptor: [UInt8]
    public var receipt: [UInt8]
    /// An attestation receipt (a proving service's audit record on the chain); empty when absent.
    public var attestation: [UInt8]

    public static let magic = Array("ZKRB".utf8)
    static let encodingVersion: UInt8 = 1
    /// Largest bundle read: proofs of large batches stay far below it.
    public static let maximumBytes = 256 << 20

    public init(proof: [UInt8], descriptor: [UInt8], receipt: [UInt8], attestation: [UInt8] = []) {
        self.proof = proof
        self.descriptor = descriptor
        self.receipt = receipt
        self.attestation = attestation
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.encodingVersion)
        for part in [proof, descriptor, receipt, attestation] {
            writer.write(UInt32(clamping: part.count))
            writer.write(raw: part)
        }
        return writer.bytes
    }

    /// Splits untrusted bytes into the parts (each decoded and checked by `OfflineVerifier`).
    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        guard bytes.count <= Self.maximumBytes else {
            throw .invalidValue(what: "prediction bundle", offset: 0, reason: "\(bytes.count) bytes, above the limit of \(Self.maximumBytes)")
        }
        var reader = ByteReader(bytes)
        let magic = try reader.readRaw(Self.magic.count, "bundle magic")
        guard magic == Self.magic else { throw .badMagic(expected: Self.magic, got: magic) }
        try reader.expectVersion("prediction bundle", supported: Self.encodingVersion)
        var parts = [[UInt8]]()
        for name in ["proof", "descriptor", "receipt", "attestation receipt"] {
            parts.append(try reader.readRaw(try reader.readCount("\(name) length", limit: Self.maximumBytes), name))
        }
        try reader.finish()
        self.init(proof: parts[0], descriptor: parts[1], receipt: parts[2], attestation: parts[3])
    }
}

extension OfflineVerifier {
    /// Verifies a bundle offline: the receipt against `genesis` (registered, this descriptor's
    /// model, not revoked, no older than `maximumAge`), the proof against the descriptor, and,
    /// when the bundle carries one, the attestation receipt: this prediction (its input, output
    /// and proof digests) is under an AttestInferenceBatch in a block signed by the genesis's
    /// validators, sent by the model's owner.
    public static func verify(
        _ bundle: PredictionBundle, genesis: Genesis, expectedInput: [[Int8]]? = nil,
        maximumAge: Duration? = nil, now: UInt64 = Chain.wallClock()
    ) throws(OfflineVerificationError) -> VerifiedStatement {
        let proof: InferenceProof, descriptor: ModelDescriptor, receipt: ModelReceipt
        do { proof = try InferenceProof(decoding: bundle.proof) } catch { throw .bundle(part: "proof", reason: error.description) }
        do { descriptor = try ModelDescriptor(decoding: bundle.descriptor) } catch {
            throw .bundle(part: "descriptor", reason: error.description)
        }
        do { receipt = try ModelReceipt(decoding: bundle.receipt) } catch { throw .bundle(part: "receipt", reason: error.description) }
        var attestationReceipt: AttestationReceipt?
        if !bundle.attestation.isEmpty {
            do { attestationReceipt = try AttestationReceipt(decoding: bundle.attestation) } catch {
                throw .bundle(part: "attestation receipt", reason: error.description)
            }
        }
        var statement = try verify(proof, descriptor: descriptor, receipt: receipt, genesis: genesis, expectedInput: expectedInput,
                                   maximumAge: maximumAge, now: now)
        if let attestationReceipt, let owner = statement.registration?.record.owner {
            let leaf = InferenceAttestation(modelID: descriptor.modelID, input: proof.input, output: proof.output, proof: bundle.proof)
            let record: AttestationRecord
            do { record = try attestationReceipt.verify(genesis: genesis, attestation: leaf) } catch { throw .attestation(error) }
            guard record.attester == owner else { throw .attestedByAnother(owner: owner, attester: record.attester) }
            statement.attestation = record
        }
        return statement
    }
}
