import ArgumentParser
import Foundation
import ZKChain
import ZKProof
import ZKServer

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an Ed25519 key (for a model owner or a validator).")

    @Option(help: "Where to write the key file (mode 0600; never overwritten).") var output: String
    @Flag(help: "Print {\"public_key\", \"output\"}.") var json = false

    func run() throws {
        guard output != "-" else { throw CLIError.usage("a key file cannot be written to standard output; give a file name") }
        guard !CLIFiles.exists(output) else {
            throw CLIError.usage("\(displayPath(output)) exists; refusing to overwrite a key: choose another --output")
        }
        let key = SigningKey.generate()
        try KeyFile.write(key, to: output)
        if json {
            struct Result: Encodable { var public_key: String; var output: String }
            try JSONOutput.print(Result(public_key: key.publicKey.hex, output: output))
            return
        }
        print("public key \(key.publicKey.hex)")
        print("wrote \(displayPath(output))")
    }
}

struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain", abstract: "Create and inspect a chain.", subcommands: [Init.self, Show.self, Verify.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a genesis (validators and signature threshold) and an embedded chain directory.")

        @Option(help: "The chain directory to create.") var data: String
        @Option(help: "The chain's name.") var name = "zkinfer-local"
        @Option(help: "Number of validator keys to generate into the directory (not with --validator).") var validators: Int?
        @Option(parsing: .upToNextOption, help: "Validator public keys (hex) or key files, instead of generating them.")
        var validator: [String] = []
        @Option(help: "Signatures a block needs (default: a majority).") var threshold: Int?
        @Flag(help: "Print {\"chain_id\", \"chain_name\", \"validators\", \"threshold\", \"genesis\"}.") var json = false

        func validate() throws {
            if validators != nil && !validator.isEmpty { throw ValidationError("give --validators N or --validator KEY…, not both") }
            if let validators, !(1...64).contains(validators) { throw ValidationError("--validators must be 1…64, got \(validators)") }
        }

        func run() throws {
            guard !FileManager.default.fileExists(atPath: EmbeddedChain.genesisPath(data)) else {
                throw CLIError.usage("\(displayPath(data)) already holds a chain (genesis.json); choose another --data directory")
            }
            do {
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            } catch {
                throw CLIError.input("cannot create the directory \(displayPath(data)); check the path and its permissions")
            }
            let lock = try DataDirectoryLock.forWriter(directory: data)
            defer { withExtendedLifetime(lock) {} }
            var keys = [PublicKey]()
            var generated = [SigningKey]()
            if validator.isEmpty {
                generated = (0..<(validators ?? 1)).map { _ in SigningKey.generate() }
                keys = generated.map(\.publicKey)
            } else {
                for entry in validator {
                    if let key = PublicKey(hex: entry) { keys.append(key) } else { keys.append(try KeyFile.load(entry).publicKey) }
                }
            }
            let sorted = keys.sorted()
            let threshold = self.threshold ?? sorted.count / 2 + 1
            let genesis: Genesis
            do {
                genesis = try Genesis(chainName: name, timestamp: UInt64(Date().timeIntervalSince1970 * 1000),
                                      validators: sorted, threshold: threshold)
            } catch {
                throw CLIError.usage("cannot create the genesis: \(terminalSafe(String(describing: error)))")
            }
            for key in generated {
                let index = sorted.firstIndex(of: key.publicKey) ?? 0
                try KeyFile.write(key, to: "\(data)/validator-\(index).json")
            }
            try CLIFiles.write(Array(genesis.json()), to: EmbeddedChain.genesisPath(data), what: "the genesis")
            _ = try EmbeddedChain(directory: data)
            if json {
                struct Result: Encodable {
                    var chain_id: String; var chain_name: String; var validators: [String]; var threshold: Int; var genesis: String
                }
                try JSONOutput.print(Result(chain_id: genesis.hash.hex, chain_name: name, validators: sorted.map(\.hex),
                                            threshold: threshold, genesis: EmbeddedChain.genesisPath(data)))
                return
            }
            print("chain ID   \(genesis.hash.hex)")
            print("validators \(sorted.count), threshold \(threshold)")
            print("wrote \(displayPath(EmbeddedChain.genesisPath(data)))")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the chain's tip, validators and (embedded chain) registered models.",
            discussion: "Every string from the chain (names, versions) is printed with control and bidi characters escaped.")

        @OptionGroup var location: ChainLocation
        @Flag(help: """
            Print {"chain_id", "chain_name", "validators", "threshold", "height", "tip", "pending", "models": \
            [{"model_id", "name", "version", "owner", "registered_at", "revoked_at"}]} (chain_name and models: embedded \
            chain only; pending: node only).
            """) var json = false

        struct ModelJSON: Encodable {
            var model_id: String; var name: String; var version: String; var owner: String
            var registered_at: UInt64; @Nullable var revoked_at: UInt64?
        }

        struct Result: Encodable {
            var chain_id: String; @Nullable var chain_name: String?; var validators: [String]; var threshold: Int
            var height: UInt64; var tip: String; @Nullable var pending: Int?; @Nullable var models: [ModelJSON]?
        }

        func run() async throws {
            if let client = try location.client() {
                let status: NodeAPI.Status
                do { status = try await client.status() } catch { throw CLIError.fromNode(error, url: client.baseURL) }
                if json {
                    try JSONOutput.print(Result(chain_id: status.chainID, chain_name: nil, validators: status.validators,
                                                threshold: status.threshold, height: status.height, tip: status.tip,
                                                pending: status.pending, models: nil))
                    return
                }
                print("chain ID   \(terminalSafe(status.chainID))")
                print("validators \(status.validators.count), threshold \(status.threshold)")
                print("height     \(status.height), tip \(terminalSafe(status.tip)), \(status.pending) pending")
                return
            }
            let embedded = try location.embeddedForReading()
            let state = embedded.chain.state
            let records = state.models.values.sorted { ($0.registeredAt, $0.modelID.hex) < ($1.registeredAt, $1.modelID.hex) }
            if json {
                try JSONOutput.print(Result(
                    chain_id: embedded.genesis.hash.hex, chain_name: embedded.genesis.chainName,
                    validators: embedded.genesis.validators.map(\.hex), threshold: embedded.genesis.threshold,
                    height: state.tipHeight, tip: state.tipHash.hex, pending: nil,
                    models: records.map { ModelJSON(model_id: $0.modelID.hex, name: $0.name, version: $0.version, owner: $0.owner.hex,
                                                    registered_at: $0.registeredAt, revoked_at: $0.revokedAt) }))
                return
            }
            print("chain ID   \(embedded.genesis.hash.hex) (\(terminalSafe(embedded.genesis.chainName)))")
            print("validators \(embedded.genesis.validators.count), threshold \(embedded.genesis.threshold)")
            print("height     \(state.tipHeight), tip \(state.tipHash.hex)")
            for record in records {
                let status = record.revokedAt.map { "revoked at \($0)" } ?? "active"
                print("model \(record.modelID.hex)  \(terminalSafe(record.name)) \(terminalSafe(record.version))  "
                      + "block \(record.registeredAt)  \(status)")
            }
        }
    }
}
