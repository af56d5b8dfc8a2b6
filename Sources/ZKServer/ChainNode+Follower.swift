import Foundation
import ZKChain
import ZKProof

extension ChainNode {
    /// Polls the leader, appending its new blocks; idles for `blockInterval` when caught up or
    /// when the leader cannot be reached or serves a block that does not validate.
    func runFollower() async {
        var lastFailure = ""
        while !Task.isCancelled {
            do {
                let appended = try await synchronize()
                lastFailure = ""
                if appended > 0 { continue }
            } catch {
                let failure = "\(error)"
                if failure != lastFailure { logger.warning("sync with leader failed: \(failure)") }
                lastFailure = failure
            }
            try? await Task.sleep(for: configuration.blockInterval)
        }
    }

    /// Fetches and appends the leader's blocks past this node's tip until caught up; returns how
    /// many were appended. Every block goes through `Chain.append` (signatures, roots, every
    /// transaction); the first one that fails stops the sync with its error. A block at a
    /// height already held (a concurrent sync appended it) must be the same block.
    @discardableResult
    public func synchronize() async throws -> Int {
        guard let leader else { return 0 }
        var appended = 0
        while !Task.isCancelled {
            let from = chain.state.tipHeight + 1
            let blocks: [Block]
            do {
                blocks = try await leader.blocks(from: from, limit: NodeRoutes.maximumBlocksPerPage)
            } catch {
                throw ChainNodeError.leaderFailed("\(error)")
            }
            guard !blocks.isEmpty else { break }
            for block in blocks {
                if block.height <= chain.state.tipHeight {
                    guard try chain.block(at: block.height)?.hash == block.hash else {
                        throw ChainNodeError.conflict("leader's block \(block.height) differs from the one held here")
                    }
                    continue
                }
                do {
                    try chain.append(block)
                } catch {
                    throw ChainNodeError.leaderFailed("leader's block \(block.height) rejected: \(error)")
                }
                appended += 1
            }
        }
        return appended
    }

    /// Co-signs a proposed block, after checking that another genesis validator signed it (only
    /// validators propose: otherwise anyone could collect the threshold from co-signers and fork
    /// the chain) and that it is exactly the next block this node's chain would build from its
    /// transactions and timestamp: it extends the tip (syncing first if the node is behind),
    /// every transaction is valid in order, and the roots and counts are right. A block already
    /// appended here is signed again (the proposer may have missed the answer).
    public func cosign(_ block: Block) async throws -> ValidatorSignature {
        guard let validator = configuration.validator else {
            throw ChainNodeError.forbidden("this node holds no validator key")
        }
        guard role == .follower else {
            throw ChainNodeError.conflict("this node proposes blocks; it does not co-sign others'")
        }
        if block.height > chain.state.tipHeight + 1 {
            _ = try? await synchronize()
        }
        let state = chain.state
        if block.height <= state.tipHeight {
            guard try chain.block(at: block.height)?.header == block.header else {
                throw ChainNodeError.conflict("block \(block.height) conflicts with the block held at that height")
            }
            return validator.signature(for: block)
        }
        guard block.height == state.tipHeight + 1 else {
            throw ChainNodeError.conflict("block \(block.height) does not extend this node's tip \(state.tipHeight)")
        }
        guard block.header.previousHash == state.tipHash else {
            throw ChainNodeError.conflict("block \(block.height) does not extend this node's tip \(state.tipHash)")
        }
        let latestAllowed = Chain.wallClock() &+ ChainLimits.maximumClockSkewMilliseconds
        guard block.header.timestamp <= latestAllowed else {
            throw ChainNodeError.invalid("block \(block.height): timestamp \(block.header.timestamp) ms is after the latest allowed \(latestAllowed) ms")
        }
        try checkProposerSignature(block, cosigner: validator.index)
        let rebuilt: Block
        do {
            rebuilt = try state.proposeBlock(transactions: block.transactions, timestamp: block.header.timestamp)
        } catch {
            throw ChainNodeError.invalid(error.description)
        }
        guard rebuilt.header == block.header else {
            throw ChainNodeError.invalid("block \(block.height): header does not match its transactions (roots or counts)")
        }
        if let signed = signedProposals[block.height], signed.header != block.header {
            throw ChainNodeError.alreadySigned(height: block.height, block: signed)
        }
        let signature = validator.signature(for: block)
        var recorded = signedProposals[block.height] ?? block
        if !recorded.signatures.contains(where: { $0.validatorIndex == signature.validatorIndex }) {
            recorded.signatures.append(signature)
            recorded.signatures.sort { $0.validatorIndex < $1.validatorIndex }
            try record(recorded)
        }
        return signature
    }

    /// Every signature the proposal carries must be a valid one by a distinct genesis validator,
    /// and at least one must be by a validator other than this co-signer.
    private func checkProposerSignature(_ block: Block, cosigner: Int) throws {
        do {
            try genesis.checkQuorum(block.signatures, headerHash: block.hash)
        } catch {
            guard case .insufficientSignatures = error else {
                throw ChainNodeError.invalid("block \(block.height): \(error)")
            }
        }
        guard block.signatures.contains(where: { Int($0.validatorIndex) != cosigner }) else {
            throw ChainNodeError.forbidden("block \(block.height) carries no signature of a proposing validator")
        }
    }
}
