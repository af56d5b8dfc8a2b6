import ZKProof

/// A block that passed every check, with what applying it changes.
struct StagedBlock: Sendable {
    var effects: PendingEffects
    var registryLeaves: ModelRegistryLeaves
    var modelsRoot: Digest
}
