import Foundation
import ZKChain
import ZKProof

extension ChainNode {
    /// Makes a block whenever the mempool is non-empty, at most one per `blockInterval`; after
    /// a failed attempt (too few co-signatures, a store error) waits a little longer.
    func runProposer() async {
        let clock = ContinuousClock()
        var lastAttempt = clock.now - configuration.blockInterval
        for await _ in wakeups {
            while !mempool.isEmpty || unfinishedProposal != nil, !Task.isCancelled {
                let wait = lastAttempt + configuration.blockInterval - clock.now
                if wait > .zero { try? await Task.sleep(for: wait) }
                guard !Task.isCancelled else { return }
                lastAttempt = clock.now
                do {
                    try await produceBlock()
                } catch {
                    logger.warning("block not produced: \(error)")
                    try? await Task.sleep(for: max(configuration.blockInterval, .milliseconds(500)))
                }
            }
        }
    }

    /// Proposes the next block from the oldest pending transactions, gathers the threshold of
    /// signatures, appends it, then acknowledges its transactions. Transactions the chain no
    /// longer accepts (another sender's pending transaction took their model ID, say) are
    /// dropped and their submitters answered 422.
    ///
    /// A validator signs one block per height, ever: the proposal is recorded durably before
    /// its signature goes to any peer, and while a recorded proposal at the next height exists
    /// (the node restarted, or the co-signers did not answer in time) that block is finished
    /// instead of a new one. Without this, a proposer restarted after one co-signer signed its
    /// block could have a different block signed by another co-signer: two certified blocks at
    /// one height.
    private func produceBlock() async throws {
        guard let validator = configuration.validator else { return }
        let state = chain.state
        var block: Block
        if let recorded = unfinishedProposal {
            do {
                try state.validateProposal(recorded, now: .max)
            } catch {
                logger.error("this validator signed block \(recorded.height), which no longer extends the tip: \(error); it signs no other block at that height")
                throw error
            }
            block = recorded
            if !block.signatures.contains(where: { Int($0.validatorIndex) == validator.index }) {
                block = block.signed(by: validator.key, index: validator.index)
                try record(block)
            }
            logger.info("finishing block \(block.height), signed before")
        } else {
            let candidates = mempool.prefix(count: configuration.maximumTransactionsPerBlock,
                                            bytes: configuration.maximumBlockTransactionBytes)
            guard !candidates.isEmpty else { return }
            let timestamp = max(Chain.wallClock(), state.tipTimestamp)
            do {
                block = try state.proposeBlock(transactions: candidates.map(\.transaction), timestamp: timestamp)
            } catch {
                let (valid, rejected) = state.selectValid(candidates.map(\.transaction))
                reject(rejected)
                guard !valid.isEmpty else { return }
                block = try state.proposeBlock(transactions: valid, timestamp: timestamp)
            }
            block = block.signed(by: validator.key, index: validator.index)
            try record(block)
        }
        do {
            block = try await cosigned(block)
        } catch let adopted as AdoptedProposal {
            // A peer holds an earlier proposal of ours at this height that our record lacks (it
            // predates the record): finish that block rather than ask anyone to sign a second one.
            logger.info("adopting block \(adopted.block.height) a peer already signed")
            try record(adopted.block)
            block = try await cosigned(adopted.block)
        }
        try chain.append(block)
        let included = Set(block.transactions.map(\.id))
        mempool.remove(included)
        for id in included { resolve(id, with: .success(block.height)) }
        logger.debug("appended block \(block.height) with \(block.transactions.count) transactions")
    }

    private func reject(_ rejected: [(transaction: Transaction, error: ChainValidationError)]) {
        var ids = Set<Digest>()
        for (transaction, error) in rejected {
            let id = transaction.id
            ids.insert(id)
            resolve(id, with: .failure(ChainNodeError.invalid(error.description)))
        }
        mempool.remove(ids)
    }

    /// `block` with peers' signatures added until it carries the genesis threshold. Asks every
    /// peer at once and stops listening once enough valid signatures came back (a slow peer's
    /// answer is then ignored).
    private func cosigned(_ block: Block) async throws -> Block {
        let genesis = chain.genesis
        var block = block
        guard block.signatures.count < genesis.threshold else { return block }
        let (answers, sink) = AsyncStream.makeStream(of: PeerAnswer.self)
        for peer in peers {
            let proposal = block
            Task {
                let answer: Result<ValidatorSignature, NodeClientError>
                do throws(NodeClientError) { answer = .success(try await peer.sign(proposal)) } catch { answer = .failure(error) }
                switch answer {
                case let .success(signature): sink.yield(.signature(signature))
                case let .failure(.alreadySigned(signed)): sink.yield(.alreadySigned(signed))
                case .failure: sink.yield(.failed)
                }
            }
        }
        let hash = block.hash.bytes
        var received = 0
        var failures: [String] = []
        for await peerAnswer in answers {
            received += 1
            var answer: ValidatorSignature?
            switch peerAnswer {
            case let .signature(signature): answer = signature
            case let .alreadySigned(signed):
                try adoptable(signed, replacing: block)
                failures.append("a validator already signed another block at height \(block.height)")
            case .failed: break
            }
            if let entry = answer {
                let index = Int(entry.validatorIndex)
                if genesis.validators.indices.contains(index),
                   !block.signatures.contains(where: { $0.validatorIndex == entry.validatorIndex }),
                   genesis.validators[index].verifies(entry.signature, for: hash) {
                    block.signatures.append(entry)
                } else {
                    failures.append("validator \(index) returned an invalid or duplicate signature")
                }
            }
            if block.signatures.count >= genesis.threshold || received == peers.count { break }
        }
        sink.finish()
        guard block.signatures.count >= genesis.threshold else {
            throw ChainNodeError.unavailable("block \(block.height): \(block.signatures.count) of \(genesis.threshold) signatures (\(peers.count) peers asked) \(failures.joined(separator: "; "))")
        }
        block.signatures.sort { $0.validatorIndex < $1.validatorIndex }
        return block
    }

    /// Throws `AdoptedProposal` when `signed` (a peer's earlier signature at this height) is a
    /// valid proposal on our tip carrying a valid signature of ours: the block to finish.
    private func adoptable(_ signed: Block, replacing block: Block) throws {
        guard signed.height == block.height, signed.header != block.header,
              let validator = configuration.validator,
              signed.signatures.contains(where: { Int($0.validatorIndex) == validator.index }) else { return }
        let state = chain.state
        guard signed.header.previousHash == state.tipHash,
              let rebuilt = try? state.proposeBlock(transactions: signed.transactions, timestamp: signed.header.timestamp),
              rebuilt.header == signed.header,
              signed.signatures.allSatisfy({ entry in
                  chain.genesis.validators.indices.contains(Int(entry.validatorIndex))
                      && chain.genesis.validators[Int(entry.validatorIndex)].verifies(entry.signature, for: signed.hash.bytes)
              }) else { return }
        throw AdoptedProposal(block: signed)
    }
}

/// What one peer answered to a signing request.
enum PeerAnswer: Sendable {
    case signature(ValidatorSignature)
    case alreadySigned(Block)
    case failed
}

/// A proposal of ours that peers already signed at the height we are proposing.
struct AdoptedProposal: Error {
    let block: Block
}
