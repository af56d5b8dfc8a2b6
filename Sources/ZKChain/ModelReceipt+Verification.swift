import ZKProof

extension ModelReceipt {
    /// Checks the receipt against `genesis` alone and returns the model's record as of the
    /// latest header. The caller decides what revocation means: `revokedAt == nil` says the
    /// model was not revoked as of `latestHeader` (height and timestamp).
    ///
    /// Checks: the genesis hash; both headers name this chain and carry at least `threshold` valid signatures of
    /// distinct genesis validators; the transaction is a RegisterModel for this chain, signed by
    /// its sender and included under the registration header's transactions root; the record
    /// matches it (model ID, digests, owner, name, version, registration height) and is included
    /// under the latest header's models root; the latest header is not older than the
    /// registration, and a revocation height lies between the two.
    public func verify(genesis: Genesis) throws(ReceiptError) -> ModelRecord {
        let chainID = genesis.hash
        guard genesisHash == chainID else { throw .genesisMismatch(expected: chainID, got: genesisHash) }
        for header in [registrationHeader, latestHeader] where header.chainID != chainID {
            throw .headerForOtherChain(height: header.height, chainID: header.chainID)
        }
        do {
            try genesis.checkQuorum(registrationSignatures, headerHash: registrationHeader.hash)
        } catch {
            throw .registrationSignatures(height: registrationHeader.height, error)
        }
        do {
            try genesis.checkQuorum(latestSignatures, headerHash: latestHeader.hash)
        } catch {
            throw .latestSignatures(height: latestHeader.height, error)
        }

        guard transaction.chainID == chainID else { throw .wrongChainID(expected: chainID, got: transaction.chainID) }
        guard case let .registerModel(registration) = transaction.body else {
            throw .notARegistration(kind: transaction.body.kind)
        }
        try transaction.checkSignedAndIncluded(in: registrationHeader, proof: transactionProof)

        let mismatches: [(String, Bool)] = [
            ("model ID", record.modelID == registration.modelID),
            ("circuit digest", record.circuitDigest == registration.circuitDigest),
            ("weights commitment", record.weightsCommitment == registration.weightsCommitment),
            ("owner", record.owner == transaction.sender),
            ("name", utf8Equal(record.name, registration.name)),
            ("version", utf8Equal(record.version, registration.version)),
            ("registration height", record.registeredAt == registrationHeader.height),
        ]
        if let (field, _) = mismatches.first(where: { !$0.1 }) { throw .recordMismatch(field: field) }

        guard latestHeader.height >= registrationHeader.height else {
            throw .latestBeforeRegistration(registration: registrationHeader.height, latest: latestHeader.height)
        }
        if let revokedAt = record.revokedAt, !(registrationHeader.height...latestHeader.height).contains(revokedAt) {
            throw .recordMismatch(field: "revocation height \(revokedAt)")
        }
        guard UInt64(exactly: recordProof.leafCount) == latestHeader.modelCount,
              recordProof.leafCount <= ChainLimits.maximumTreeLeaves else {
            throw .recordNotIncluded(height: latestHeader.height,
                                     .leafIndexOutOfRange(index: recordProof.leafIndex, leafCount: recordProof.leafCount))
        }
        do {
            try recordProof.verify(leafHash: record.leafHash, root: latestHeader.modelsRoot)
        } catch {
            throw .recordNotIncluded(height: latestHeader.height, error)
        }
        return record
    }
}
