import Synchronization
import ZKChain
import ZKProof

/// Attestation counts per model, which the chain state does not keep (it counts attestations
/// only in total). Built by reading blocks in order and kept in memory; each request reads at
/// most `blocksPerRequest` new blocks, so a page stays cheap on a long chain and the counts
/// catch up over a few requests (a page says how far they go).
final class AttestationIndex: Sendable {
    struct Snapshot: Sendable {
        var indexedHeight: UInt64 = 0
        var counts: [Digest: UInt64] = [:]
    }

    let blocksPerRequest: Int
    private let state = Mutex(Snapshot())

    init(blocksPerRequest: Int = 2_000) {
        self.blocksPerRequest = max(1, blocksPerRequest)
    }

    /// Reads up to `blocksPerRequest` blocks past the indexed height of `chain`, then returns the
    /// counts. The lock is held while reading, so two requests never count a block twice.
    func catchUp(_ chain: Chain) throws(ChainError) -> Snapshot {
        try state.withLock { (snapshot: inout Snapshot) throws(ChainError) -> Snapshot in
            let tip = chain.state.tipHeight
            var remaining = blocksPerRequest
            while snapshot.indexedHeight < tip, remaining > 0 {
                let batch = try chain.blocks(from: snapshot.indexedHeight + 1, limit: min(remaining, 200))
                guard !batch.isEmpty else { break }
                for block in batch {
                    for transaction in block.transactions {
                        switch transaction.body {
                        case let .attestInference(modelID, _, _, _): snapshot.counts[modelID, default: 0] += 1
                        case let .attestInferenceBatch(modelID, _, count): snapshot.counts[modelID, default: 0] += UInt64(count)
                        default: break
                        }
                    }
                    snapshot.indexedHeight = block.height
                }
                remaining -= batch.count
            }
            return snapshot
        }
    }
}
