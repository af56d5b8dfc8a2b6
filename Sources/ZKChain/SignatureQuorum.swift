import ZKProof

/// Why a header's validator signatures do not authorise it.
public enum SignatureQuorumError: Error, Hashable, CustomStringConvertible {
    /// The index names no genesis validator.
    case unknownValidator(index: Int, validatorCount: Int)
    /// The same validator signed twice, or the list is not in ascending index order.
    case duplicateOrUnorderedSigner(index: Int)
    /// The signature does not verify under that validator's key.
    case badSignature(index: Int)
    /// Every signature verified, but fewer than the threshold.
    case insufficientSignatures(valid: Int, threshold: Int)

    public var description: String {
        switch self {
        case let .unknownValidator(index, count): "signature by validator \(index), but genesis names \(count) validators"
        case let .duplicateOrUnorderedSigner(index): "validator \(index) signed twice or out of ascending order"
        case let .badSignature(index): "signature by validator \(index) does not verify"
        case let .insufficientSignatures(valid, threshold): "\(valid) validator signatures, threshold is \(threshold)"
        }
    }
}

extension Genesis {
    /// Checks that `signatures` are by distinct genesis validators, in ascending index order,
    /// all valid over `headerHash`, and at least `threshold` of them. Any bad entry rejects the
    /// whole list, even when enough others are valid: a block's bytes are then exactly what
    /// its validators produced.
    public func checkQuorum(_ signatures: [ValidatorSignature], headerHash: Digest) throws(SignatureQuorumError) {
        try checkSignatures(signatures, headerHash: headerHash, minimum: threshold)
    }

    /// The same checks with `minimum` in place of the threshold (0 for a block still collecting
    /// signatures: whatever it carries must be valid).
    func checkSignatures(_ signatures: [ValidatorSignature], headerHash: Digest, minimum: Int) throws(SignatureQuorumError) {
        let message = headerHash.bytes
        var previous: Int?
        for entry in signatures {
            let index = Int(entry.validatorIndex)
            guard index < validators.count else {
                throw .unknownValidator(index: index, validatorCount: validators.count)
            }
            if let previous, previous >= index { throw .duplicateOrUnorderedSigner(index: index) }
            guard validators[index].verifies(entry.signature, for: message) else { throw .badSignature(index: index) }
            previous = index
        }
        guard signatures.count >= minimum else {
            throw .insufficientSignatures(valid: signatures.count, threshold: minimum)
        }
    }
}
