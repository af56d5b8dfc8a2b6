import Foundation
import ZKChain
import ZKProof

/// Where attestation batches go: the chain, as the model's owner. `record` puts one
/// AttestInferenceBatch in a block and returns what every prediction's receipt needs.
package protocol AttestationLedger: Sendable {
    func record(modelID: Digest, root: Digest, count: UInt32) async throws -> RecordedAttestationBatch
}

/// An AttestInferenceBatch as the chain holds it: its block's signed header and its inclusion path.
package struct RecordedAttestationBatch: Sendable {
    package var genesisHash: Digest
    package var header: BlockHeader
    package var signatures: [ValidatorSignature]
    package var transaction: Transaction
    package var transactionProof: MerkleInclusionProof

    package init(genesisHash: Digest, header: BlockHeader, signatures: [ValidatorSignature], transaction: Transaction,
                 transactionProof: MerkleInclusionProof) {
        self.genesisHash = genesisHash
        self.header = header
        self.signatures = signatures
        self.transaction = transaction
        self.transactionProof = transactionProof
    }
}

/// Collects the attestations of proven predictions and records them on the chain in batches,
/// one transaction per model per interval (or per `maximumBatch` predictions), so chain load
/// does not grow with one transaction per request. Each prediction then gets its receipt: the
/// batch's block and its own path under the batch's Merkle root.
package final class AttestationBatcher: @unchecked Sendable {
    package let ledger: any AttestationLedger
    package let interval: Duration
    package let maximumBatch: Int
    /// Batches that fail this many times in a row are given up (their jobs say why).
    static let attempts = 3

    private let lock = NSLock()
    private var pending: [(jobID: String, attestation: InferenceAttestation, failures: Int)] = []
    private var task: Task<Void, Never>?
    private var deliver: @Sendable (String, Result<(receipt: [UInt8], height: UInt64), AttestationFailure>) -> Void = { _, _ in }

    package struct AttestationFailure: Error, Sendable {
        package let reason: String
    }

    package init(ledger: any AttestationLedger, interval: Duration = .seconds(1), maximumBatch: Int = 1024) {
        self.ledger = ledger
        self.interval = interval
        self.maximumBatch = max(1, maximumBatch)
    }

    /// Starts the batching loop; `deliver` receives each job's receipt (or why it has none).
    package func start(deliver: @escaping @Sendable (String, Result<(receipt: [UInt8], height: UInt64), AttestationFailure>) -> Void) {
        lock.withLock {
            self.deliver = deliver
            guard task == nil else { return }
            task = Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    await flush()
                }
            }
        }
    }

    package func enqueue(jobID: String, attestation: InferenceAttestation) {
        lock.withLock { pending.append((jobID, attestation, 0)) }
    }

    package var pendingCount: Int { lock.withLock { pending.count } }

    /// Records everything pending now, one batch per model (at most `maximumBatch` each).
    package func flush() async {
        let taken: [(jobID: String, attestation: InferenceAttestation, failures: Int)] = lock.withLock {
            defer { pending.removeAll() }
            return pending
        }
        guard !taken.isEmpty else { return }
        var byModel = [Digest: [(jobID: String, attestation: InferenceAttestation, failures: Int)]]()
        for entry in taken { byModel[entry.attestation.modelID, default: []].append(entry) }
        for (modelID, entries) in byModel.sorted(by: { $0.key.hex < $1.key.hex }) {
            var start = 0
            while start < entries.count {
                let batch = Array(entries[start..<min(start + maximumBatch, entries.count)])
                start += batch.count
                await record(modelID: modelID, batch)
            }
        }
    }

    private func record(modelID: Digest, _ batch: [(jobID: String, attestation: InferenceAttestation, failures: Int)]) async {
        let tree = MerkleTree(leafHashes: batch.map(\.attestation.leafHash))
        let recorded: RecordedAttestationBatch
        do {
            recorded = try await ledger.record(modelID: modelID, root: tree.root, count: UInt32(batch.count))
        } catch {
            let deliver = lock.withLock { self.deliver }
            for entry in batch {
                if entry.failures + 1 >= Self.attempts {
                    deliver(entry.jobID, .failure(AttestationFailure(reason: "recording the attestation failed: \(error)")))
                } else {
                    lock.withLock { pending.append((entry.jobID, entry.attestation, entry.failures + 1)) }
                }
            }
            return
        }
        let deliver = lock.withLock { self.deliver }
        for (index, entry) in batch.enumerated() {
            let receipt = AttestationReceipt(
                genesisHash: recorded.genesisHash, header: recorded.header, signatures: recorded.signatures,
                transaction: recorded.transaction, transactionProof: recorded.transactionProof,
                attestationProof: tree.inclusionProof(index: index))
            deliver(entry.jobID, .success((receipt.encoded(), recorded.header.height)))
        }
    }

    /// Stops the loop after recording what is pending.
    package func stop() async {
        let running = lock.withLock { () -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await flush()
    }
}
