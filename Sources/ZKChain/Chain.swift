import Foundation
import Synchronization
import ZKProof

/// A node's chain: the genesis, a store of blocks, and the state they imply. Loading re-validates
/// every stored block from genesis, so a tampered or corrupt store is refused rather than
/// trusted. One lock orders appends (validate, store, then update the state); readers see
/// either the state before a block or after it, never between.
public final class Chain: Sendable {
    public let genesis: Genesis
    private let store: any ChainStore
    private let now: @Sendable () -> UInt64
    private let current: Mutex<Tip>

    /// The state and the block that produced it (nil at genesis), replaced together.
    private struct Tip: Sendable {
        var state: ChainState
        var block: Block?
    }

    /// Milliseconds since the Unix epoch.
    public static func wallClock() -> UInt64 {
        UInt64(max(0, (Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// Opens the chain in `store`, re-validating every block from genesis. `now` (milliseconds
    /// since the epoch) bounds how far ahead a new block's timestamp may be; stored blocks are
    /// not held to it, since they were accepted when they were not in the future.
    public init(genesis: Genesis, store: any ChainStore,
                now: @escaping @Sendable () -> UInt64 = { Chain.wallClock() }) throws(ChainError) {
        self.genesis = genesis
        self.store = store
        self.now = now
        var tip = Tip(state: ChainState(genesis: genesis), block: nil)
        let storedHeight: UInt64
        do { storedHeight = try store.tipHeight() } catch { throw .store(error) }
        var height: UInt64 = 1
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
        self.current = Mutex(tip)
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
            try Self.append(block, to: &tip, store: store, now: now)
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
            try Self.append(block, to: &tip, store: store, now: now)
            return block
        }
    }

    private static func append(_ block: Block, to tip: inout Tip, store: any ChainStore, now: UInt64) throws(ChainError) {
        // Staging then committing in place, rather than applying to a copy, avoids copying
        // every registry per block.
        let staged: StagedBlock
        do { staged = try tip.state.stage(block, now: now) } catch { throw .invalidBlock(error) }
        do { try store.append(block) } catch { throw .store(error) }
        tip.state.commit(staged, header: block.header)
        tip.block = block
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
}
