import ZKProof

// The validation rules. Each check reads the state through the pending effects of the block's
// earlier transactions, and mutates only those effects, so a rejected block leaves the state
// untouched.

extension ChainState {
    /// Every check of `apply`; with `requireQuorum` false, the signatures present must be
    /// valid but need not reach the threshold (a proposal being co-signed).
    func stage(_ block: Block, now: UInt64, requireQuorum: Bool = true) throws(ChainValidationError) -> StagedBlock {
        let header = block.header
        let height = tipHeight &+ 1
        guard header.chainID == chainID else {
            throw .wrongBlockChainID(height: height, expected: chainID, got: header.chainID)
        }
        guard header.height == height else { throw .wrongHeight(expected: height, got: header.height) }
        guard header.previousHash == tipHash else {
            throw .wrongPreviousHash(height: height, expected: tipHash, got: header.previousHash)
        }
        guard header.timestamp >= tipTimestamp else {
            throw .timestampBeforePrevious(height: height, previous: tipTimestamp, got: header.timestamp)
        }
        let (latestAllowed, overflow) = now.addingReportingOverflow(ChainLimits.maximumClockSkewMilliseconds)
        if !overflow, header.timestamp > latestAllowed {
            throw .timestampInFuture(height: height, latestAllowed: latestAllowed, got: header.timestamp)
        }
        let transactions = block.transactions
        guard transactions.count <= ChainLimits.maximumBlockTransactions else {
            throw .tooManyTransactions(height: height, count: transactions.count, limit: ChainLimits.maximumBlockTransactions)
        }
        guard Int(header.transactionCount) == transactions.count else {
            throw .transactionCountMismatch(height: height, header: header.transactionCount, actual: transactions.count)
        }
        let encodings = transactions.map { $0.encoded() }
        let size = 1 + BlockHeader.encodedByteCount + 4 + block.signatures.count * ValidatorSignature.encodedByteCount
            + 4 + encodings.reduce(0) { $0 + 4 + $1.count }
        guard size <= ChainLimits.maximumBlockBytes else {
            throw .blockTooLarge(height: height, size: size, limit: ChainLimits.maximumBlockBytes)
        }

        do {
            try genesis.checkSignatures(block.signatures, headerHash: header.hash, minimum: requireQuorum ? genesis.threshold : 0)
        } catch {
            switch error {
            case let .unknownValidator(index, count): throw .unknownValidator(height: height, index: index, validatorCount: count)
            case let .duplicateOrUnorderedSigner(index): throw .duplicateValidatorSignature(height: height, index: index)
            case let .badSignature(index): throw .badValidatorSignature(height: height, index: index)
            case let .insufficientSignatures(valid, threshold): throw .insufficientSignatures(height: height, valid: valid, threshold: threshold)
            }
        }

        let transactionsRoot = MerkleTree(leaves: encodings).root
        guard header.transactionsRoot == transactionsRoot else {
            throw .transactionsRootMismatch(height: height, expected: transactionsRoot, got: header.transactionsRoot)
        }

        var effects = PendingEffects()
        for (index, transaction) in transactions.enumerated() {
            try stage(transaction, encoding: encodings[index], index: index, height: height, into: &effects)
        }

        let leaves = registryLeaves.applying(effects.models)
        guard header.modelCount == UInt64(leaves.count) else {
            throw .modelCountMismatch(height: height, expected: UInt64(leaves.count), got: header.modelCount)
        }
        let modelsRoot = leaves.root
        guard header.modelsRoot == modelsRoot else {
            throw .modelsRootMismatch(height: height, expected: modelsRoot, got: header.modelsRoot)
        }
        return StagedBlock(effects: effects, registryLeaves: leaves, modelsRoot: modelsRoot)
    }

    /// Checks one transaction at position `index` of the block at `height`, then records its
    /// effects. Every check comes before any change, so a rejected transaction leaves `effects`
    /// as it was.
    func stage(_ transaction: Transaction, encoding: [UInt8], index: Int, height: UInt64,
               into effects: inout PendingEffects) throws(ChainValidationError) {
        guard encoding.count <= ChainLimits.maximumTransactionBytes else {
            throw .transactionTooLarge(height: height, transactionIndex: index, size: encoding.count,
                                       limit: ChainLimits.maximumTransactionBytes)
        }
        if let violation = transaction.body.limitViolation() {
            throw .limitExceeded(height: height, transactionIndex: index, violation)
        }
        if let (field, scalar) = transaction.body.forbiddenCharacter() {
            throw .forbiddenCharacter(height: height, transactionIndex: index, field: field, scalar: scalar.value)
        }
        guard transaction.chainID == chainID else {
            throw .wrongChainID(height: height, transactionIndex: index, expected: chainID, got: transaction.chainID)
        }
        let id = SHA256.hash(encoding)
        guard !transactionIDs.contains(id), !effects.transactionIDs.contains(id) else {
            throw .duplicateTransaction(height: height, transactionIndex: index, id: id)
        }
        let sender = transaction.sender
        let expectedNonce = effects.nextNonces[sender] ?? nextNonce(for: sender)
        guard transaction.nonce == expectedNonce else {
            throw .wrongNonce(height: height, transactionIndex: index, sender: sender, expected: expectedNonce, got: transaction.nonce)
        }
        guard transaction.hasValidSignature else {
            throw .badTransactionSignature(height: height, transactionIndex: index, sender: sender)
        }

        switch transaction.body {
        case let .registerModel(registration):
            if let existing = effects.models[registration.modelID] ?? models[registration.modelID] {
                throw .modelAlreadyRegistered(height: height, transactionIndex: index, modelID: registration.modelID,
                                              registeredAt: existing.registeredAt)
            }
            effects.models[registration.modelID] = ModelRecord(registration: registration, owner: sender, height: height)
        case let .revokeModel(modelID):
            guard var record = effects.models[modelID] ?? models[modelID] else {
                throw .unknownModel(height: height, transactionIndex: index, modelID: modelID)
            }
            guard record.owner == sender else {
                throw .notModelOwner(height: height, transactionIndex: index, modelID: modelID, owner: record.owner, sender: sender)
            }
            if let revokedAt = record.revokedAt {
                throw .modelAlreadyRevoked(height: height, transactionIndex: index, modelID: modelID, revokedAt: revokedAt)
            }
            record.revokedAt = height
            effects.models[modelID] = record
        case let .registerDataset(merkleRoot, size, name):
            if let existing = effects.datasets[merkleRoot] ?? datasets[merkleRoot] {
                throw .datasetAlreadyRegistered(height: height, transactionIndex: index, merkleRoot: merkleRoot,
                                                registeredAt: existing.registeredAt)
            }
            guard size >= 1 else { throw .emptyDataset(height: height, transactionIndex: index, merkleRoot: merkleRoot) }
            effects.datasets[merkleRoot] = DatasetRecord(merkleRoot: merkleRoot, size: size, name: name,
                                                         owner: sender, registeredAt: height)
        case let .attestInference(modelID, _, _, _):
            guard let record = effects.models[modelID] ?? models[modelID] else {
                throw .unknownModel(height: height, transactionIndex: index, modelID: modelID)
            }
            if let revokedAt = record.revokedAt {
                throw .attestationOnRevokedModel(height: height, transactionIndex: index, modelID: modelID, revokedAt: revokedAt)
            }
            effects.attestations += 1
        case let .attestInferenceBatch(modelID, _, count):
            guard let record = effects.models[modelID] ?? models[modelID] else {
                throw .unknownModel(height: height, transactionIndex: index, modelID: modelID)
            }
            if let revokedAt = record.revokedAt {
                throw .attestationOnRevokedModel(height: height, transactionIndex: index, modelID: modelID, revokedAt: revokedAt)
            }
            guard record.owner == sender else {
                throw .notModelOwner(height: height, transactionIndex: index, modelID: modelID, owner: record.owner, sender: sender)
            }
            guard count >= 1 else { throw .emptyAttestationBatch(height: height, transactionIndex: index, modelID: modelID) }
            effects.attestations += UInt64(count)
        }
        // The nonce equals the count of the sender's earlier transactions plus one, far below
        // UInt64.max; wrapping is unreachable.
        effects.nextNonces[sender] = transaction.nonce &+ 1
        effects.transactionIDs.insert(id)
        effects.transactions += 1
    }

    mutating func commit(_ staged: StagedBlock, header: BlockHeader) {
        let effects = staged.effects
        tipHeight = header.height
        tipHash = header.hash
        tipTimestamp = header.timestamp
        nextNonces.merge(effects.nextNonces) { _, new in new }
        models.merge(effects.models) { _, new in new }
        datasets.merge(effects.datasets) { _, new in new }
        transactionIDs.formUnion(effects.transactionIDs)
        attestationCount &+= effects.attestations
        transactionCount &+= effects.transactions
        registryLeaves = staged.registryLeaves
        modelsRoot = staged.modelsRoot
    }
}
