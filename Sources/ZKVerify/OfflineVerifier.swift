import ZKChain
import ZKML
import ZKProof

/// Offline verification of a prediction: a proof, the model's public descriptor and, to know
/// the model is the registered one, its registration receipt and the chain's genesis. Needs no
/// network and trusts no one but the genesis's validators (a threshold of them signed the
/// receipt's headers).
public enum OfflineVerifier {
    /// Checks `receipt` against `genesis`: a registration of `descriptor`'s model (same ID,
    /// circuit and weights commitment), not revoked as of the latest header, and, with
    /// `maximumAge`, a latest header no older than that at `now` (milliseconds since the epoch).
    public static func checkRegistration(
        _ receipt: ModelReceipt, genesis: Genesis, of descriptor: ModelDescriptor,
        maximumAge: Duration? = nil, now: UInt64 = Chain.wallClock()
    ) throws(OfflineVerificationError) -> VerifiedRegistration {
        let registration = try checkReceipt(receipt, genesis: genesis, modelID: descriptor.modelID)
        try checkDescriptor(registration, of: descriptor)
        try judge(registration, maximumAge: maximumAge, now: now)
        return registration
    }

    /// Throws unless `registration` registers exactly `descriptor`'s model: its ID, circuit
    /// digest and weights commitment.
    public static func checkDescriptor(_ registration: VerifiedRegistration, of descriptor: ModelDescriptor)
        throws(OfflineVerificationError) {
        let record = registration.record
        guard record.modelID == descriptor.modelID else {
            throw .receiptForAnotherModel(expected: descriptor.modelID, got: record.modelID)
        }
        guard record.circuitDigest == descriptor.circuit.digest else {
            throw .registrationDisagrees(field: "circuit digest", expected: descriptor.circuit.digest, got: record.circuitDigest)
        }
        guard record.weightsCommitment == descriptor.weightsCommitment.digest else {
            throw .registrationDisagrees(field: "weights commitment", expected: descriptor.weightsCommitment.digest,
                                         got: record.weightsCommitment)
        }
    }

    /// Checks `receipt` against `genesis` and, when given, that it is about `modelID`; does not
    /// judge revocation or age (see `judge`).
    public static func checkReceipt(_ receipt: ModelReceipt, genesis: Genesis, modelID: Digest? = nil)
        throws(OfflineVerificationError) -> VerifiedRegistration {
        let record: ModelRecord
        do { record = try receipt.verify(genesis: genesis) } catch { throw .receipt(error) }
        if let modelID, record.modelID != modelID { throw .receiptForAnotherModel(expected: modelID, got: record.modelID) }
        return VerifiedRegistration(record: record, registrationHeight: receipt.registrationHeader.height,
                                    registrationTime: receipt.registrationHeader.timestamp,
                                    asOfHeight: receipt.latestHeader.height, asOfTime: receipt.latestHeader.timestamp)
    }

    /// Throws when the registration is revoked, or its latest header is older than `maximumAge`.
    public static func judge(_ registration: VerifiedRegistration, maximumAge: Duration?, now: UInt64 = Chain.wallClock())
        throws(OfflineVerificationError) {
        if let revoked = registration.record.revokedAt {
            throw .revoked(modelID: registration.record.modelID, height: revoked,
                           asOfHeight: registration.asOfHeight, asOfTime: registration.asOfTime)
        }
        let age = registration.age(at: now)
        if let maximumAge, age > maximumAge {
            throw .receiptTooOld(asOfHeight: registration.asOfHeight, asOfTime: registration.asOfTime, age: age, maximum: maximumAge)
        }
    }

    /// Verifies `proof` against `descriptor` and, when `expectedInput` is given (quantized,
    /// samples concatenated), that the proof is about that input.
    public static func verify(
        _ proof: InferenceProof, descriptor: ModelDescriptor, expectedInput: [[Int8]]? = nil
    ) throws(OfflineVerificationError) -> VerifiedStatement {
        try verify(proof, descriptor: descriptor, expectedInput: expectedInput, registration: nil)
    }

    /// Verifies a prediction end to end: the receipt against the genesis (registered, this
    /// descriptor's model, not revoked, no older than `maximumAge`), then the proof against
    /// the descriptor, and the input when given.
    public static func verify(
        _ proof: InferenceProof, descriptor: ModelDescriptor, receipt: ModelReceipt, genesis: Genesis,
        expectedInput: [[Int8]]? = nil, maximumAge: Duration? = nil, now: UInt64 = Chain.wallClock()
    ) throws(OfflineVerificationError) -> VerifiedStatement {
        let registration = try checkRegistration(receipt, genesis: genesis, of: descriptor, maximumAge: maximumAge, now: now)
        return try verify(proof, descriptor: descriptor, expectedInput: expectedInput, registration: registration)
    }

    private static func verify(
        _ proof: InferenceProof, descriptor: ModelDescriptor, expectedInput: [[Int8]]?, registration: VerifiedRegistration?
    ) throws(OfflineVerificationError) -> VerifiedStatement {
        if let expectedInput {
            guard expectedInput.count == proof.batchSize else {
                throw .batchSizeMismatch(expected: expectedInput.count, got: proof.batchSize)
            }
            let flat = expectedInput.flatMap { $0 }
            if flat != proof.input {
                let index = zip(flat, proof.input).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                    ?? min(flat.count, proof.input.count)
                throw .inputMismatch(firstDifference: index)
            }
        }
        let outputs: [Tensor<Int8>]
        do { outputs = try InferenceVerifier.verify(proof, descriptor: descriptor) } catch { throw .proof(error) }
        return VerifiedStatement(modelID: descriptor.modelID, batchSize: proof.batchSize, input: proof.input,
                                 inputDigest: SHA256.hash(proof.input.map { UInt8(bitPattern: $0) }), outputs: outputs,
                                 registration: registration)
    }
}
