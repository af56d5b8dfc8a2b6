import ZKProof

/// The leaves of the model registry tree, kept sorted by model ID with their hashes, so a block
/// re-hashes only the records it changes and finds a model's position by binary search.
struct ModelRegistryLeaves: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var modelID: Digest
        var leafHash: Digest
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }

    func index(of modelID: Digest) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if Digest.precedes(entries[middle].modelID, modelID) { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].modelID == modelID ? low : nil
    }

    /// The leaves once `changes` (new or updated records, by model ID) are applied.
    func applying(_ changes: [Digest: ModelRecord]) -> ModelRegistryLeaves {
        var result = self
        var inserted = [Entry]()
        for (modelID, record) in changes {
            let leafHash = record.leafHash
            if let index = index(of: modelID) {
                result.entries[index].leafHash = leafHash
            } else {
                inserted.append(Entry(modelID: modelID, leafHash: leafHash))
            }
        }
        guard !inserted.isEmpty else { return result }
        inserted.sort { Digest.precedes($0.modelID, $1.modelID) }
        var merged = [Entry]()
        merged.reserveCapacity(result.entries.count + inserted.count)
        var old = result.entries.makeIterator()
        var new = inserted.makeIterator()
        var nextOld = old.next()
        var nextNew = new.next()
        while let a = nextOld, let b = nextNew {
            if Digest.precedes(a.modelID, b.modelID) {
                merged.append(a)
                nextOld = old.next()
            } else {
                merged.append(b)
                nextNew = new.next()
            }
        }
        while let a = nextOld { merged.append(a); nextOld = old.next() }
        while let b = nextNew { merged.append(b); nextNew = new.next() }
        result.entries = merged
        return result
    }

    var tree: MerkleTree { MerkleTree(leafHashes: entries.map(\.leafHash)) }

    var root: Digest { tree.root }
}
