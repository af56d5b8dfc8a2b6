import ZKChain
import ZKML
import ZKProof

/// Why an offline verification failed. Every case names what was expected and what was found.
public enum OfflineVerificationError: Error, CustomStringConvertible {
    /// The proof does not verify against the descriptor (model, statement or any check inside).
    case proof(InferenceVerificationError)
    /// The receipt does not prove a registration on the genesis's chain.
    case receipt(ReceiptError)
    /// The receipt registers another model than the descriptor's.
    case receiptForAnotherModel(expected: Digest, got: Digest)
    /// The receipt's entry has the descriptor's model ID but another circuit or weights commitment.
    case registrationDisagrees(field: String, expected: Digest, got: Digest)
    /// The model was revoked at `height`, as the receipt's latest header shows.
    case revoked(modelID: Digest, height: UInt64, asOfHeight: UInt64, asOfTime: UInt64)
    /// The receipt's latest header is older than the caller accepts.
    case receiptTooOld(asOfHeight: UInt64, asOfTime: UInt64, age: Duration, maximum: Duration)
    /// The proof covers another number of samples than the caller's input holds.
    case batchSizeMismatch(expected: Int, got: Int)
    /// The proof is about another input than the caller's (`firstDifference` is the index of
    /// the first differing int8 value).
    case inputMismatch(firstDifference: Int)
    /// A part of a prediction bundle is malformed (or not supported).
    case bundle(part: String, reason: String)
    /// The bundle's attestation receipt does not show this prediction logged on the chain.
    case attestation(ReceiptError)
    /// The attestation was signed by a key other than the model's owner.
    case attestedByAnother(owner: PublicKey, attester: PublicKey)

    public var description: String {
        switch self {
        case let .proof(error):
            "proof rejected: \(error)"
        case let .receipt(error):
            "receipt rejected: \(error)"
        case let .receiptForAnotherModel(expected, got):
            "the receipt registers model \(got.hex), not the descriptor's \(expected.hex)"
        case let .registrationDisagrees(field, expected, got):
            "the registered \(field) is \(got.hex), the descriptor's is \(expected.hex)"
        case let .revoked(modelID, height, asOfHeight, _):
            "model \(modelID.hex) was revoked at block \(height) (as of block \(asOfHeight))"
        case let .receiptTooOld(asOfHeight, _, age, maximum):
            "the receipt's latest header (block \(asOfHeight)) is \(age.components.seconds) s old, above the maximum of \(maximum.components.seconds) s"
        case let .batchSizeMismatch(expected, got):
            "the proof covers \(got) sample(s), the input holds \(expected)"
        case let .inputMismatch(index):
            "the proof is about another input (first difference at int8 value \(index))"
        case let .bundle(part, reason):
            "the bundle's \(part) is malformed: \(reason)"
        case let .attestation(error):
            "attestation rejected: \(error)"
        case let .attestedByAnother(owner, attester):
            "the prediction was attested by \(attester), not by the model's owner \(owner)"
        }
    }
}
