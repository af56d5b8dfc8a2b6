import ZKChain
import ZKProof

/// Transactions accepted by a proposer and not yet in a block, in arrival order (so each
/// sender's transactions are in nonce order: a transaction is admitted only as the next one
/// after the sender's chain nonce and pending transactions).
struct Mempool {
    struct Entry {
        let id: Digest
        let transaction: Transaction
        let size: Int
    }

    private(set) var entries: [Entry] = []
    private var ids: Set<Digest> = []
    private var bySender: [PublicKey: [Transaction]] = [:]

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    func contains(_ id: Digest) -> Bool { ids.contains(id) }

    /// The sender's pending transactions, in nonce order.
    func pending(from sender: PublicKey) -> [Transaction] { bySender[sender] ?? [] }

    /// Appends a transaction the caller validated after the sender's pending ones.
    mutating func insert(_ transaction: Transaction, id: Digest) {
        entries.append(Entry(id: id, transaction: transaction, size: transaction.encoded().count))
        ids.insert(id)
        bySender[transaction.sender, default: []].append(transaction)
    }

    /// The oldest entries fitting in `count` transactions and `bytes` bytes of encoding (at
    /// least one entry, whatever its size, so the queue always moves).
    func prefix(count: Int, bytes: Int) -> [Entry] {
        var total = 0
        var taken = 0
        for entry in entries.prefix(count) {
            if taken > 0, total + entry.size > bytes { break }
            total += entry.size
            taken += 1
        }
        return Array(entries.prefix(taken))
    }

    /// Drops the entries with these IDs (included in a block, or rejected).
    mutating func remove(_ removed: Set<Digest>) {
        guard !removed.isEmpty else { return }
        entries.removeAll { removed.contains($0.id) }
        ids.subtract(removed)
        bySender = [:]
        for entry in entries { bySender[entry.transaction.sender, default: []].append(entry.transaction) }
    }
}
