import ArgumentParser
import Foundation
import ZKChain
import ZKML
import ZKProof
import ZKServer

struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register a model's public descriptor on the chain.",
        discussion: """
            Registering a model this key already registered with the same name and version succeeds \
            without a new transaction ("already registered by this key at block N"); a model registered \
            by another key, or revoked, is refused (exit 1) naming its owner and block. With --data, \
            concurrent writers to one directory take turns (each waits up to 30 s); a directory a node \
            owns is refused: use --node URL.
            """)

    @Argument(help: "The model's descriptor (.zkpub; - for standard input).") var model: String
    @Option(help: "The owner's key file.") var key: String
    @Option(help: "A name for the model (default: the descriptor's file name).") var name: String?
    @Option(help: "A version string.") var version = "1"
    @OptionGroup var location: ChainLocation
    @Flag(help: """
        Print {"status": "registered" or "already_registered", "model_id", "height", "transaction_id" (null when \
        already registered), "owner", "name", "version"}.
        """) var json = false

    func run() async throws {
        let descriptor = try Loaders.descriptor(model)
        do { try descriptor.circuit.checkProvable() } catch {
            throw CLIError.input("will not register \(displayPath(model)): \(terminalSafe(error.description)); "
                                 + "nothing unprovable goes on the chain")
        }
        let owner = try KeyFile.load(key)
        let defaultName = model == "-" ? "model" : URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent
        let registration = ModelRegistration(
            modelID: descriptor.modelID, circuitDigest: descriptor.circuit.digest,
            weightsCommitment: descriptor.weightsCommitment.digest,
            name: name ?? defaultName, version: version,
            metadata: ["weights_variables": "\(descriptor.weightsCommitment.variableCount)"])

        let decision: RegistrationDecision
        var submitted: (transaction: Transaction, height: UInt64)?
        if let client = try location.client() {
            let existing = try await ChainLocation.record(of: descriptor.modelID, client: client)
            decision = try RegistrationDecision.decide(existing: existing, registration: registration, owner: owner.publicKey)
            if decision == .submit {
                submitted = try await ChainLocation.submit(.registerModel(registration), owner: owner, client: client)
            }
        } else {
            let (embedded, lock) = try location.embeddedForWriting()
            defer { withExtendedLifetime(lock) {} }
            decision = try RegistrationDecision.decide(existing: embedded.chain.state.models[descriptor.modelID],
                                                       registration: registration, owner: owner.publicKey)
            if decision == .submit {
                submitted = try embedded.submit(.registerModel(registration), owner: owner)
            }
        }

        let height: UInt64
        switch decision {
        case let .alreadyRegistered(at): height = at
        case .submit: height = submitted?.height ?? 0
        }
        if json {
            struct Result: Encodable {
                var status: String; var model_id: String; var height: UInt64; @Nullable var transaction_id: String?
                var owner: String; var name: String; var version: String
            }
            try JSONOutput.print(Result(
                status: submitted == nil ? "already_registered" : "registered", model_id: descriptor.modelID.hex, height: height,
                transaction_id: submitted?.transaction.id.hex, owner: owner.publicKey.hex, name: registration.name,
                version: registration.version))
            return
        }
        if let submitted {
            print("registered model \(descriptor.modelID.hex) in block \(height) (transaction \(submitted.transaction.id.hex))")
        } else {
            print("model \(descriptor.modelID.hex) already registered by this key at block \(height); nothing to do")
        }
    }
}

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke a registered model (its owner only).")

    @Argument(help: "The model ID (hex); or give --model.") var modelID: String?
    @Option(help: "The model's descriptor (.zkpub), instead of its ID.") var model: String?
    @Option(help: "The owner's key file.") var key: String
    @OptionGroup var location: ChainLocation
    @Flag(help: "Print {\"status\": \"revoked\", \"model_id\", \"height\", \"transaction_id\"}.") var json = false

    func validate() throws {
        if modelID != nil && model != nil { throw ValidationError("give the model ID or --model, not both") }
        if modelID == nil && model == nil { throw ValidationError("give the model ID or --model M.zkpub") }
    }

    func run() async throws {
        let id = try resolveModelID(modelID, descriptor: model)
        let owner = try KeyFile.load(key)
        let submitted: (transaction: Transaction, height: UInt64)
        if let client = try location.client() {
            try Self.check(await ChainLocation.record(of: id, client: client), id: id, owner: owner.publicKey)
            submitted = try await ChainLocation.submit(.revokeModel(modelID: id), owner: owner, client: client)
        } else {
            let (embedded, lock) = try location.embeddedForWriting()
            defer { withExtendedLifetime(lock) {} }
            try Self.check(embedded.chain.state.models[id], id: id, owner: owner.publicKey)
            submitted = try embedded.submit(.revokeModel(modelID: id), owner: owner)
        }
        if json {
            struct Result: Encodable { var status: String; var model_id: String; var height: UInt64; var transaction_id: String }
            try JSONOutput.print(Result(status: "revoked", model_id: id.hex, height: submitted.height,
                                        transaction_id: submitted.transaction.id.hex))
            return
        }
        print("revoked model \(id.hex) in block \(submitted.height)")
    }

    /// The chain would refuse these too; checking first gives a message naming the owner.
    static func check(_ record: ModelRecord?, id: Digest, owner: PublicKey) throws(CLIError) {
        guard let record else { throw .rejected("model \(id.hex) is not registered on this chain; nothing to revoke") }
        guard record.owner == owner else {
            throw .rejected("model \(id.hex) belongs to \(record.owner.hex) (registered at block \(record.registeredAt)); "
                            + "only its owner can revoke it")
        }
        if let revoked = record.revokedAt { throw .rejected("model \(id.hex) was already revoked at block \(revoked)") }
    }
}

/// A model ID given as hex, or read from a descriptor file.
func resolveModelID(_ hex: String?, descriptor: String?) throws(CLIError) -> Digest {
    if let hex {
        guard let id = Digest(hex: hex) else {
            throw .usage("\(terminalSafe(hex)) is not a model ID (64 hex characters); give the ID or --model M.zkpub")
        }
        return id
    }
    guard let descriptor else { throw .usage("give a model ID or --model DESCRIPTOR.zkpub") }
    return try Loaders.descriptor(descriptor).modelID
}
