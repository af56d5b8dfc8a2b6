import ZKProof

/// The RFC 6962 tree over a model registry: one leaf per model, in ascending model-ID byte
/// order, each leaf the record's canonical encoding. Its root is a header's `modelsRoot`.
public enum ModelRegistryTree {
    /// The root over `registry` (the empty tree's root for no models).
    public static func root(of registry: [Digest: ModelRecord]) -> Digest {
        MerkleTree(leafHashes: sortedLeafHashes(of: registry)).root
    }

    /// The record of `modelID` and its inclusion path under `root(of: registry)`.
    public static func inclusionProof(of modelID: Digest, in registry: [Digest: ModelRecord]) -> (record: ModelRecord, proof: MerkleInclusionProof)? {
        guard let record = registry[modelID] else { return nil }
        let ids = registry.keys.sorted(by: Digest.precedes)
        guard let index = ids.firstIndex(of: modelID) else { return nil }
        let tree = MerkleTree(leafHashes: ids.map { registry[$0]?.leafHash ?? .zero })
        return (record, tree.inclusionProof(index: index))
    }

    static func sortedLeafHashes(of registry: [Digest: ModelRecord]) -> [Digest] {
        registry.keys.sorted(by: Digest.precedes).compactMap { registry[$0]?.leafHash }
    }
}
