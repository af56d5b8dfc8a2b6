import Foundation
import Synchronization
import ZKProof

/// A node's chain: the genesis, a store of blocks, and the state they imply. One lock orders
/// appends (validate, store, then update the state); readers see either the state before a
/// block or after it, never between.
///
/// Loading starts from the store's latest checkpoint (the state after a block this chain
/// validated, saved every `checkpointInterval` blocks) when it matches the stored block at its
/// height (hash, models root and count), and re-validates every block after it, so restarting
/// costs the same at height 100 or 10 million. Without a usable checkpoint it re-validates from
/// genesis. `verifyFromGenesis()` re-validates everything on demand (`zkinfer chain verify`).
public final class Chain: Sendable {
    public let genesis: Genesis
    private let store: any ChainStore
    private let now: @Sendable () -> UInt64
    private let current: Mutex<Tip>
    public let checkpointInterval: UInt64
    /// Height of the checkpoint loading started from; 0 when it started from genesis.
    public let loadedCheckpointHeight: UInt64

    /// The state and the block that produced it (nil at genesis), replaced together, and the
    /// height of the latest checkpoint saved.
    private struct Tip: Sendable {
        var state: ChainState
        var block: Block?
        var checkpointHeight: UInt64 = 0
    }

    /// Milliseconds since the Unix epoch.
    public static func wallClock() -> UInt64 {
        UInt64(max(0, (Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Opens the chain in `store`, from its latest usable checkpoint (else from genesis),
    /// re-validating every block after it. `now` (milliseconds since the epoch) bounds how far
    /// ahead a new block's timestamp may be; stored blocks are not held to it, since they were
    /// accepted when they were not in the future.
    public init(genesis: Genesis, store: any ChainStore, checkpointInterval: UInt64 = 256,
                now: @escaping @Sendable () -> UInt64 = { Chain.wallClock() }) throws(ChainError) {
        self.genesis = genesis
        self.store = store
        self.now = now
        let interval = max(1, checkpointInterval)
        self.checkpointInterval = interval
        var tip = Self.checkpointedTip(genesis: genesis, store: store) ?? Tip(state: ChainState(genesis: genesis), block: nil)
        loadedCheckpointHeight = tip.checkpointHeight
        try Self.catchUp(&tip, store: store)
        Self.checkpointIfDue(&tip, store: store, interval: interval)
        self.current = Mutex(tip)
    }

    /// The tip of the store's latest checkpoint, if it decodes and matches the stored block at
    /// its height; nil otherwise (the caller then starts from genesis).
    private static func checkpointedTip(genesis: Genesis, store: any ChainStore) -> Tip? {
        guard let checkpoint = try? store.latestCheckpoint(),
              let stored = try? store.tipHeight(), checkpoint.height <= stored,
              let block = try? store.block(at: checkpoint.height), block.header.height == checkpoint.height,
              block.hash == checkpoint.blockHash,
              let state = try? ChainState(checkpoint: checkpoint.state, genesis: genesis),
              state.tipHeight == checkpoint.height, state.tipHash == block.hash,
              state.tipTimestamp == block.header.timestamp, state.modelsRoot == block.header.modelsRoot,
              UInt64(state.models.count) == block.header.modelCount else { return nil }
        return Tip(state: state, block: block, checkpointHeight: checkpoint.height)
    }

    /// Validates and applies every stored block above `tip` (stored blocks are not held to the
    /// clock: `now` is unbounded).
    private static func catchUp(_ tip: inout Tip, store: any ChainStore) throws(ChainError) {
        let storedHeight: UInt64
        do { storedHeight = try store.tipHeight() } catch { throw .store(error) }
        var height = tip.state.tipHeight + 1
        while height <= storedHeight {
            let loaded: Block?
            do { loaded = try store.block(at: height) } catch { throw .store(error) }
            guard let block = loaded else {
                throw .corruptStore(height: height, reason: "missing below the stored tip \(storedHeight)")
            }
            guard block.header.height == height else {
                throw .corruptStore(height: height, reason: "holds a block of height \(block.header.height)")
            }
            do {
                try tip.state.apply(block, now: .max)
            } catch {
                throw .corruptStore(height: height, reason: error.description)
            }
            tip.block = block
            height += 1
        }
    }

    /// Saves a checkpoint once `interval` blocks passed since the last one. A failure to save
    /// costs only restart time, so it is not an error of the append.
    private static func checkpointIfDue(_ tip: inout Tip, store: any ChainStore, interval: UInt64) {
        guard let block = tip.block, tip.state.tipHeight >= tip.checkpointHeight + interval else { return }
        let checkpoint = ChainCheckpoint(height: tip.state.tipHeight, blockHash: block.hash, state: tip.state.checkpointEncoded())
        if (try? store.saveCheckpoint(checkpoint)) != nil { tip.checkpointHeight = checkpoint.height }
    }

    /// Re-validates every stored block from genesis (signatures included) and checks that the
    /// result is the state this chain holds; returns the height checked. Throws
    /// `.corruptStore` naming the first block that fails, or the mismatch.
    @discardableResult
    public func verifyFromGenesis() throws(ChainError) -> UInt64 {
        let held = current.withLock { $0 }
        var replay = Tip(state: ChainState(genesis: genesis), block: nil)
        var height: UInt64 = 1
        while height <= held.state.tipHeight {
            guard let block = try block(at: height) else {
                throw .corruptStore(height: height, reason: "missing below the tip \(held.state.tipHeight)")
            }
            do { try replay.state.apply(block, now: .max) } catch { throw .corruptStore(height: height, reason: error.description) }
            height += 1
        }
        guard replay.state == held.state else {
            throw .corruptStore(height: held.state.tipHeight, reason: "the state loaded from the checkpoint at \(loadedCheckpointHeight) differs from the blocks' state")
        }
        return held.state.tipHeight
    }

    /// The state after the tip block.
    public var state: ChainState { current.withLock { $0.state } }

    /// The tip block, nil while only genesis exists.
    public var tipBlock: Block? { current.withLock { $0.block } }

    /// Validates `block` as the next block, stores it, then applies it to the state. On any
    /// error nothing changed.
    public func append(_ block: Block) throws(ChainError) {
        let now = self.now()
        try current.withLock { (tip: inout Tip) throws(ChainError) in
            try self.append(block, to: &tip, now: now)
        }
    }

    /// Builds the next block from `transactions` (which must all be valid, in this order),
    /// signs it with each signer (`index` is its key's position among the genesis
    /// validators), appends and returns it. Signing with fewer than the threshold fails with
    /// `.invalidBlock(.insufficientSignatures…)` and changes nothing.
    public func produceBlock(transactions: [Transaction], timestamp: UInt64,
                             signers: [(index: Int, key: SigningKey)]) throws(ChainError) -> Block {
        for signer in signers {
            guard genesis.validators.indices.contains(signer.index),
                  genesis.validators[signer.index] == signer.key.publicKey else {
                throw .signerMismatch(index: signer.index)
            }
        }
        let now = self.now()
        return try current.withLock { (tip: inout Tip) throws(ChainError) -> Block in
            var block: Block
            do throws(ChainValidationError) {
                block = try tip.state.proposeBlock(transactions: transactions, timestamp: timestamp)
            } catch {
                throw .invalidBlock(error)
            }
            for signer in signers { block = block.signed(by: signer.key, index: signer.index) }
            try self.append(block, to: &tip, now: now)
            return block
        }
    }

    /// Validates, stores and applies `block`. When the store already holds a block at its
    /// height (another process wrote to it), reads the store's newer blocks first, so this
    /// chain moves to the store's head instead of refusing every later block, then reports
    /// the conflict (the block was built on a stale tip).
    private func append(_ block: Block, to tip: inout Tip, now: UInt64) throws(ChainError) {
        // Staging then committing in place, rather than applying to a copy, avoids copying
        // every registry per block.
        let staged: StagedBlock
        do { staged = try tip.state.stage(block, now: now) } catch { throw .invalidBlock(error) }
        do {
            try store.append(block)
        } catch {
            if case .conflict = error { try Self.catchUp(&tip, store: store) }
            throw .store(error)
        }
        tip.state.commit(staged, header: block.header)
        tip.block = block
        Self.checkpointIfDue(&tip, store: store, interval: checkpointInterval)
    }

    /// The block at `height` (1…tip), nil otherwise.
    public func block(at height: UInt64) throws(ChainError) -> Block? {
        do { return try store.block(at: height) } catch { throw .store(error) }
    }

    /// Up to `limit` consecutive blocks starting at `height` (clamped to 1), stopping at the tip.
    public func blocks(from height: UInt64, limit: Int) throws(ChainError) -> [Block] {
        let tipHeight = state.tipHeight
        var blocks = [Block]()
        var next = max(height, 1)
        while blocks.count < limit, next <= tipHeight {
            guard let block = try block(at: next) else {
                throw .corruptStore(height: next, reason: "missing below the tip \(tipHeight)")
            }
            blocks.append(block)
            next += 1
        }
        return blocks
    }

    /// The receipt of `modelID`'s registration as of the tip: the registration block's signed
    /// header and the transaction's inclusion path, and the tip's signed header with the
    /// model's current record and its inclusion path (so its revocation status as of the tip).
    public func receipt(for modelID: Digest) throws(ChainError) -> ModelReceipt {
        let tip = current.withLock { $0 }
        guard let (record, recordProof) = tip.state.modelInclusionProof(for: modelID), let latest = tip.block else {
            throw .unknownModel(modelID)
        }
        let height = record.registeredAt
        let registrationBlock: Block
        if height == latest.header.height {
            registrationBlock = latest
        } else {
            guard let stored = try block(at: height) else {
                throw .corruptStore(height: height, reason: "missing, yet model \(modelID) was registered there")
            }
            registrationBlock = stored
        }
        let position = registrationBlock.transactions.firstIndex { transaction in
            if case let .registerModel(registration) = transaction.body { return registration.modelID == modelID }
            return false
        }
        guard let position, let transactionProof = registrationBlock.transactionInclusionProof(index: position) else {
            throw .corruptStore(height: height, reason: "no registration of model \(modelID)")
        }
        return ModelReceipt(genesisHash: tip.state.chainID,
                            registrationHeader: registrationBlock.header,
                            registrationSignatures: registrationBlock.signatures,
                            transaction: registrationBlock.transactions[position],
                            transactionProof: transactionProof,
                            latestHeader: latest.header,
                            latestSignatures: latest.signatures,
                            record: record,
                            recordProof: recordProof)
    }

    /// The receipt of the dataset with Merkle root `merkleRoot`: its registration block's signed
    /// header and the transaction's inclusion path.
    public func datasetReceipt(for merkleRoot: Digest) throws(ChainError) -> DatasetReceipt {
        let tip = current.withLock { $0 }
        guard let record = tip.state.datasets[merkleRoot] else { throw .unknownDataset(merkleRoot) }
        guard let block = tip.block?.header.height == record.registeredAt ? tip.block : try block(at: record.registeredAt) else {
            throw .corruptStore(height: record.registeredAt, reason: "missing, yet dataset \(merkleRoot) was registered there")
        }
        let position = block.transactions.firstIndex { transaction in
            if case let .registerDataset(root, _, _) = transaction.body { return root == merkleRoot }
            return false
        }
        guard let position, let proof = block.transactionInclusionProof(index: position) else {
            throw .corruptStore(height: record.registeredAt, reason: "no registration of dataset \(merkleRoot)")
        }
        return DatasetReceipt(genesisHash: tip.state.chainID, header: block.header, signatures: block.signatures,
                              transaction: block.transactions[position], transactionProof: proof)
    }
}
