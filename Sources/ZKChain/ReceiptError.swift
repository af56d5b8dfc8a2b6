import ZKProof

/// Why a receipt does not prove a registration on the given chain.
public enum ReceiptError: Error, Equatable, CustomStringConvertible {
    /// The receipt is for another chain.
    case genesisMismatch(expected: Digest, got: Digest)
    /// A header names another chain.
    case headerForOtherChain(height: UInt64, chainID: Digest)
    case registrationSignatures(height: UInt64, SignatureQuorumError)
    case latestSignatures(height: UInt64, SignatureQuorumError)
    case wrongChainID(expected: Digest, got: Digest)
    /// The transaction is not a RegisterModel (its kind is given).
    case notARegistration(kind: String)
    case badTransactionSignature(sender: PublicKey)
    /// The transaction path does not lead to the registration header's transactions root.
    case transactionNotIncluded(height: UInt64, MerkleError)
    /// The record disagrees with the registration on `field`.
    case recordMismatch(field: String)
    /// The latest header is older than the registration.
    case latestBeforeRegistration(registration: UInt64, latest: UInt64)
    /// The record path does not lead to the latest header's models root.
    case recordNotIncluded(height: UInt64, MerkleError)
    /// An attestation receipt's transaction is not an AttestInferenceBatch (its kind is given).
    case notAnAttestation(kind: String)
    /// The prediction's attestation leaf is not under the batch's root.
    case attestationNotIncluded(height: UInt64, MerkleError)

    public var description: String {
        switch self {
        case let .genesisMismatch(expected, got):
            "receipt is for chain \(got), expected \(expected)"
        case let .headerForOtherChain(height, chainID):
            "header at height \(height) is for chain \(chainID)"
        case let .registrationSignatures(height, error):
            "registration header (height \(height)): \(error)"
        case let .latestSignatures(height, error):
            "latest header (height \(height)): \(error)"
        case let .wrongChainID(expected, got):
            "registration transaction is for chain \(got), expected \(expected)"
        case let .notARegistration(kind):
            "receipt transaction is a \(kind), not a RegisterModel"
        case let .badTransactionSignature(sender):
            "registration transaction signature does not verify under sender \(sender)"
        case let .transactionNotIncluded(height, error):
            "registration transaction is not in block \(height): \(error)"
        case let .recordMismatch(field):
            "model record disagrees with the registration on \(field)"
        case let .latestBeforeRegistration(registration, latest):
            "latest header (height \(latest)) is older than the registration (height \(registration))"
        case let .recordNotIncluded(height, error):
            "model record is not in the registry of block \(height): \(error)"
        case let .notAnAttestation(kind):
            "attestation receipt's transaction is a \(kind), not an AttestInferenceBatch"
        case let .attestationNotIncluded(height, error):
            "this prediction is not among the attestations of the batch in block \(height): \(error)"
        }
    }
}
