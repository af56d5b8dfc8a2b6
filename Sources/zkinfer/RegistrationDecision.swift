import ZKChain
import ZKProof

/// What `register` does about a model ID given the chain's existing record of it, decided in
/// one place for the embedded chain (`chain.state.models[id]`) and a node (`GET /models/{id}`,
/// 404 = none), so both paths agree.
enum RegistrationDecision: Equatable {
    /// Not registered: submit the registration.
    case submit
    /// This key already registered this very model with the same fields: nothing to do.
    case alreadyRegistered(height: UInt64)

    /// Throws a rejection (exit 1) when the model is someone else's, revoked, or registered by
    /// this key with other fields; the message names the owner and the block.
    static func decide(existing: ModelRecord?, registration: ModelRegistration, owner: PublicKey) throws(CLIError) -> RegistrationDecision {
        guard let existing else { return .submit }
        let id = registration.modelID.hex
        if let revoked = existing.revokedAt {
            throw .rejected("model \(id) was registered by \(existing.owner.hex) at block \(existing.registeredAt) and revoked at "
                            + "block \(revoked); a revoked model cannot be registered again: commit a new model instead")
        }
        guard existing.owner == owner else {
            throw .rejected("model \(id) is already registered by another key, \(existing.owner.hex), at block \(existing.registeredAt); "
                            + "only one owner can register a model")
        }
        var differences = [String]()
        if existing.circuitDigest != registration.circuitDigest { differences.append("circuit digest") }
        if existing.weightsCommitment != registration.weightsCommitment { differences.append("weights commitment") }
        if existing.name != registration.name {
            differences.append("name (registered \"\(terminalSafe(existing.name))\", now \"\(terminalSafe(registration.name))\")")
        }
        if existing.version != registration.version {
            differences.append("version (registered \"\(terminalSafe(existing.version))\", now \"\(terminalSafe(registration.version))\")")
        }
        guard differences.isEmpty else {
            throw .rejected("model \(id) is already registered by this key at block \(existing.registeredAt) with a different "
                            + differences.joined(separator: ", ") + "; a registration cannot be changed: pass the same --name and --version")
        }
        return .alreadyRegistered(height: existing.registeredAt)
    }
}
