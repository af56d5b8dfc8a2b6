import ZKProof

/// Why a block or transaction was rejected: one case per rule, each with the block height, the
/// transaction's index in its block where there is one, and what was expected against what came.
/// For a transaction checked alone (`ChainState.validate`), the height is the one it would get.
public enum ChainValidationError: Error, Hashable, CustomStringConvertible {
    // Header
    case wrongBlockChainID(height: UInt64, expected: Digest, got: Digest)
    case wrongHeight(expected: UInt64, got: UInt64)
    case wrongPreviousHash(height: UInt64, expected: Digest, got: Digest)
    case timestampBeforePrevious(height: UInt64, previous: UInt64, got: UInt64)
    case timestampInFuture(height: UInt64, latestAllowed: UInt64, got: UInt64)
    case tooManyTransactions(height: UInt64, count: Int, limit: Int)
    case blockTooLarge(height: UInt64, size: Int, limit: Int)
    case transactionCountMismatch(height: UInt64, header: UInt32, actual: Int)
    case transactionsRootMismatch(height: UInt64, expected: Digest, got: Digest)
    case modelCountMismatch(height: UInt64, expected: UInt64, got: UInt64)
    case modelsRootMismatch(height: UInt64, expected: Digest, got: Digest)

    // Validator signatures
    case unknownValidator(height: UInt64, index: Int, validatorCount: Int)
    case duplicateValidatorSignature(height: UInt64, index: Int)
    case badValidatorSignature(height: UInt64, index: Int)
    case insufficientSignatures(height: UInt64, valid: Int, threshold: Int)

    // Any transaction
    case transactionTooLarge(height: UInt64, transactionIndex: Int, size: Int, limit: Int)
    case limitExceeded(height: UInt64, transactionIndex: Int, LimitViolation)
    /// A name, version, metadata key or value holding a character `ChainText` refuses.
    case forbiddenCharacter(height: UInt64, transactionIndex: Int, field: String, scalar: UInt32)
    case wrongChainID(height: UInt64, transactionIndex: Int, expected: Digest, got: Digest)
    case duplicateTransaction(height: UInt64, transactionIndex: Int, id: Digest)
    case wrongNonce(height: UInt64, transactionIndex: Int, sender: PublicKey, expected: UInt64, got: UInt64)
    case badTransactionSignature(height: UInt64, transactionIndex: Int, sender: PublicKey)

    // Transaction bodies
    case modelAlreadyRegistered(height: UInt64, transactionIndex: Int, modelID: Digest, registeredAt: UInt64)
    case unknownModel(height: UInt64, transactionIndex: Int, modelID: Digest)
    case notModelOwner(height: UInt64, transactionIndex: Int, modelID: Digest, owner: PublicKey, sender: PublicKey)
    case modelAlreadyRevoked(height: UInt64, transactionIndex: Int, modelID: Digest, revokedAt: UInt64)
    case attestationOnRevokedModel(height: UInt64, transactionIndex: Int, modelID: Digest, revokedAt: UInt64)
    case datasetAlreadyRegistered(height: UInt64, transactionIndex: Int, merkleRoot: Digest, registeredAt: UInt64)
    case emptyDataset(height: UInt64, transactionIndex: Int, merkleRoot: Digest)
    case emptyAttestationBatch(height: UInt64, transactionIndex: Int, modelID: Digest)

    public var description: String {
        switch self {
        case let .wrongBlockChainID(height, expected, got):
            return "block \(height): header names chain \(got), expected \(expected)"
        case let .wrongHeight(expected, got):
            return "block height \(got), expected \(expected)"
        case let .wrongPreviousHash(height, expected, got):
            return "block \(height): previous hash \(got), expected \(expected)"
        case let .timestampBeforePrevious(height, previous, got):
            return "block \(height): timestamp \(got) ms is before the previous \(previous) ms"
        case let .timestampInFuture(height, latestAllowed, got):
            return "block \(height): timestamp \(got) ms is after the latest allowed \(latestAllowed) ms"
        case let .tooManyTransactions(height, count, limit):
            return "block \(height): \(count) transactions, limit \(limit)"
        case let .blockTooLarge(height, size, limit):
            return "block \(height): \(size) bytes, limit \(limit)"
        case let .transactionCountMismatch(height, header, actual):
            return "block \(height): header counts \(header) transactions, block has \(actual)"
        case let .transactionsRootMismatch(height, expected, got):
            return "block \(height): transactions root \(got), computed \(expected)"
        case let .modelCountMismatch(height, expected, got):
            return "block \(height): header counts \(got) models, registry has \(expected)"
        case let .modelsRootMismatch(height, expected, got):
            return "block \(height): models root \(got), computed \(expected)"
        case let .unknownValidator(height, index, count):
            return "block \(height): signature by validator \(index), genesis names \(count)"
        case let .duplicateValidatorSignature(height, index):
            return "block \(height): validator \(index) signed twice or out of ascending order"
        case let .badValidatorSignature(height, index):
            return "block \(height): signature by validator \(index) does not verify"
        case let .insufficientSignatures(height, valid, threshold):
            return "block \(height): \(valid) validator signatures, threshold \(threshold)"
        case let .transactionTooLarge(height, index, size, limit):
            return "block \(height), transaction \(index): \(size) bytes, limit \(limit)"
        case let .limitExceeded(height, index, violation):
            return "block \(height), transaction \(index): \(violation)"
        case let .forbiddenCharacter(height, index, field, scalar):
            return "block \(height), transaction \(index): \(field) holds U+\(String(scalar, radix: 16, uppercase: true)), a control, separator or bidirectional formatting character (chain text must be printable)"
        case let .wrongChainID(height, index, expected, got):
            return "block \(height), transaction \(index): chain ID \(got), expected \(expected)"
        case let .duplicateTransaction(height, index, id):
            return "block \(height), transaction \(index): transaction \(id) is already on the chain or in this block"
        case let .wrongNonce(height, index, sender, expected, got):
            return "block \(height), transaction \(index): nonce \(got) from \(sender), expected \(expected)"
        case let .badTransactionSignature(height, index, sender):
            return "block \(height), transaction \(index): signature does not verify under sender \(sender)"
        case let .modelAlreadyRegistered(height, index, modelID, registeredAt):
            return "block \(height), transaction \(index): model \(modelID) was already registered at height \(registeredAt)"
        case let .unknownModel(height, index, modelID):
            return "block \(height), transaction \(index): model \(modelID) is not registered"
        case let .notModelOwner(height, index, modelID, owner, sender):
            return "block \(height), transaction \(index): \(sender) cannot revoke or attest for model \(modelID) owned by \(owner)"
        case let .modelAlreadyRevoked(height, index, modelID, revokedAt):
            return "block \(height), transaction \(index): model \(modelID) was already revoked at height \(revokedAt)"
        case let .attestationOnRevokedModel(height, index, modelID, revokedAt):
            return "block \(height), transaction \(index): model \(modelID) was revoked at height \(revokedAt)"
        case let .datasetAlreadyRegistered(height, index, merkleRoot, registeredAt):
            return "block \(height), transaction \(index): dataset \(merkleRoot) was already registered at height \(registeredAt)"
        case let .emptyDataset(height, index, merkleRoot):
            return "block \(height), transaction \(index): dataset \(merkleRoot) has size 0"
        case let .emptyAttestationBatch(height, index, modelID):
            return "block \(height), transaction \(index): an attestation batch of model \(modelID) with no attestations"
        }
    }
}
