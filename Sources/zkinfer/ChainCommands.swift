import ArgumentParser
import Foundation
import ZKChain
import ZKML
import ZKProof
import ZKServer

/// A key file: {"kind": "ed25519", "public_key": hex, "seed": hex}, written with mode 0600.
struct KeyFile: Codable {
    var kind = "ed25519"
    var public_key: String
    var seed: String

    static func load(_ path: String) throws -> SigningKey {
        guard let data = FileManager.default.contents(atPath: path),
              let file = try? JSONDecoder().decode(KeyFile.self, from: data), file.kind == "ed25519",
              let seed = [UInt8](hexString: file.seed), let key = SigningKey(seed: seed) else {
            throw CLIError("\(path) is not an Ed25519 key file")
        }
        guard key.publicKey.hex == file.public_key.lowercased() else { throw CLIError("\(path): public key does not match the seed") }
        return key
    }

    static func write(_ key: SigningKey, to path: String) throws {
        let file = KeyFile(public_key: key.publicKey.hex, seed: key.seed.hexString)
        let data = try sortedEncoder().encode(file)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("cannot write \(path)")
        }
    }
}

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create an Ed25519 key (for a model owner or a validator).")

    @Option(help: "Where to write the key file (mode 0600).") var output: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: output) else { throw CLIError("\(output) exists; refusing to overwrite a key") }
        let key = SigningKey.generate()
        try KeyFile.write(key, to: output)
        print("public key \(key.publicKey.hex)")
        print("wrote \(output)")
    }
}

/// Where chain commands act: an embedded chain in a data directory, or a node over HTTP.
struct ChainLocation: ParsableArguments {
    @Option(help: "Embedded chain directory (genesis.json, chain.sqlite, validator keys).") var data: String?
    @Option(help: "A node's base URL, e.g. http://127.0.0.1:8545.") var node: String?

    func embedded() throws -> EmbeddedChain {
        guard let data else { throw CLIError("give --data DIR (or --node URL where supported)") }
        return try EmbeddedChain(directory: data)
    }

    /// The node client when `--node` is given (and not `--data`).
    func client() throws -> NodeClient? {
        guard let node else { return nil }
        guard data == nil else { throw CLIError("give either --data or --node, not both") }
        guard let url = URL(string: node), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CLIError("\(node) is not an http(s) URL")
        }
        return NodeClient(baseURL: url)
    }

    /// Signs `body` with the owner's next nonce and puts it on the chain; returns the block height.
    func submit(_ body: TransactionBody, owner: SigningKey) async throws -> (transaction: Transaction, height: UInt64) {
        if let client = try client() {
            let status = try await client.status()
            guard let chainID = Digest(hex: status.chainID) else { throw CLIError("the node reports a malformed chain ID") }
            let nonce = try await client.nextNonce(of: owner.publicKey)
            let transaction = Transaction.signed(body: body, nonce: nonce, chainID: chainID, key: owner)
            let (_, height) = try await client.submit(transaction)
            return (transaction, height)
        }
        let embedded = try embedded()
        let transaction = Transaction.signed(body: body, nonce: embedded.nextNonce(of: owner.publicKey),
                                             chainID: embedded.genesis.hash, key: owner)
        return (transaction, try embedded.commit([transaction]).header.height)
    }
}

/// The chain in a data directory, opened by the CLI without a server. It produces blocks itself
/// with the validator keys stored beside the genesis (a local single-machine chain).
struct EmbeddedChain {
    let directory: URL
    let genesis: Genesis
    let chain: Chain
    let validatorKeys: [(index: Int, key: SigningKey)]

    static func genesisPath(_ directory: String) -> String { "\(directory)/genesis.json" }

    init(directory path: String) throws {
        directory = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: Self.genesisPath(path)) else {
            throw CLIError("\(path) has no genesis.json: run `zkinfer chain init --data \(path)` first")
        }
        genesis = try Genesis(json: data)
        let store = try SQLiteChainStore(path: directory.appendingPathComponent("chain.sqlite").path)
        chain = try Chain(genesis: genesis, store: store)
        var keys = [(index: Int, key: SigningKey)]()
        for (index, validator) in genesis.validators.enumerated() {
            let file = directory.appendingPathComponent("validator-\(index).json").path
            if FileManager.default.fileExists(atPath: file) {
                let key = try KeyFile.load(file)
                guard key.publicKey == validator else { throw CLIError("\(file) is not validator \(index) of the genesis") }
                keys.append((index, key))
            }
        }
        validatorKeys = keys
    }

    /// Puts `transactions` in a new block signed by the local validator keys.
    func commit(_ transactions: [Transaction]) throws -> Block {
        guard validatorKeys.count >= genesis.threshold else {
            throw CLIError("\(directory.path) holds \(validatorKeys.count) validator keys; blocks need \(genesis.threshold) signatures")
        }
        let timestamp = max(UInt64(Date().timeIntervalSince1970 * 1000), chain.state.tipTimestamp)
        return try chain.produceBlock(transactions: transactions, timestamp: timestamp,
                                      signers: Array(validatorKeys.prefix(genesis.threshold)))
    }

    func nextNonce(of key: PublicKey) -> UInt64 { chain.state.nextNonce(for: key) }
}

struct ChainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain", abstract: "Create and inspect a chain.", subcommands: [Init.self, Show.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a genesis (validators and signature threshold) and an embedded chain directory.")

        @Option(help: "The chain directory to create.") var data: String
        @Option(help: "The chain's name.") var name = "zkinfer-local"
        @Option(help: "Number of validator keys to generate into the directory (ignored with --validator).") var validators = 1
        @Option(parsing: .upToNextOption, help: "Validator public keys (hex) or key files, instead of generating them.")
        var validator: [String] = []
        @Option(help: "Signatures a block needs (default: a majority).") var threshold: Int?

        func run() throws {
            guard !FileManager.default.fileExists(atPath: EmbeddedChain.genesisPath(data)) else {
                throw CLIError("\(data) already holds a chain")
            }
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            var keys = [PublicKey]()
            var generated = [SigningKey]()
            if validator.isEmpty {
                guard (1...64).contains(validators) else { throw CLIError("--validators must be 1…64") }
                generated = (0..<validators).map { _ in SigningKey.generate() }
                keys = generated.map(\.publicKey)
            } else {
                for entry in validator {
                    if let key = PublicKey(hex: entry) { keys.append(key) } else { keys.append(try KeyFile.load(entry).publicKey) }
                }
            }
            let sorted = keys.sorted()
            let threshold = self.threshold ?? sorted.count / 2 + 1
            let genesis = try Genesis(chainName: name, timestamp: UInt64(Date().timeIntervalSince1970 * 1000),
                                      validators: sorted, threshold: threshold)
            for key in generated {
                let index = sorted.firstIndex(of: key.publicKey) ?? 0
                try KeyFile.write(key, to: "\(data)/validator-\(index).json")
            }
            try genesis.json().write(to: URL(fileURLWithPath: EmbeddedChain.genesisPath(data)))
            _ = try EmbeddedChain(directory: data)
            print("chain ID   \(genesis.hash.hex)")
            print("validators \(sorted.count), threshold \(threshold)")
            print("wrote \(EmbeddedChain.genesisPath(data))")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the chain's tip, validators and registered models.")
        @OptionGroup var location: ChainLocation

        func run() async throws {
            if let client = try location.client() {
                let status = try await client.status()
                print("chain ID   \(status.chainID)")
                print("validators \(status.validators.count), threshold \(status.threshold)")
                print("height     \(status.height), tip \(status.tip), \(status.pending) pending")
                return
            }
            let embedded = try location.embedded()
            let state = embedded.chain.state
            print("chain ID   \(embedded.genesis.hash.hex) (\(embedded.genesis.chainName))")
            print("validators \(embedded.genesis.validators.count), threshold \(embedded.genesis.threshold)")
            print("height     \(state.tipHeight), tip \(state.tipHash.hex)")
            for record in state.models.values.sorted(by: { $0.registeredAt < $1.registeredAt }) {
                let status = record.revokedAt.map { "revoked at \($0)" } ?? "active"
                print("model \(record.modelID.hex)  \(record.name) \(record.version)  block \(record.registeredAt)  \(status)")
            }
        }
    }
}

struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Register a model's public descriptor on the chain.")

    @Argument(help: "The model's descriptor (.zkpub).") var model: String
    @Option(help: "The owner's key file.") var key: String
    @Option(help: "A name for the model.") var name: String?
    @Option(help: "A version string.") var version = "1"
    @OptionGroup var location: ChainLocation

    func run() async throws {
        guard let bytes = FileManager.default.contents(atPath: model) else { throw CLIError("cannot read \(model)") }
        let descriptor = try ModelDescriptor(decoding: Array(bytes))
        let owner = try KeyFile.load(key)
        let registration = ModelRegistration(
            modelID: descriptor.modelID, circuitDigest: descriptor.circuit.digest,
            weightsCommitment: descriptor.weightsCommitment.root,
            name: name ?? URL(fileURLWithPath: model).deletingPathExtension().lastPathComponent, version: version,
            metadata: ["weights_variables": "\(descriptor.weightsCommitment.variableCount)"])
        if location.node == nil, let existing = try location.embedded().chain.state.models[descriptor.modelID] {
            print("model \(descriptor.modelID.hex) already registered at block \(existing.registeredAt)")
            return
        }
        let (transaction, height) = try await location.submit(.registerModel(registration), owner: owner)
        print("registered model \(descriptor.modelID.hex) in block \(height) (transaction \(transaction.id.hex))")
    }
}

struct Revoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Revoke a registered model (its owner only).")

    @Argument(help: "The model ID (hex).") var modelID: String
    @Option(help: "The owner's key file.") var key: String
    @OptionGroup var location: ChainLocation

    func run() async throws {
        guard let id = Digest(hex: modelID) else { throw CLIError("\(modelID) is not a 32-byte hex model ID") }
        let owner = try KeyFile.load(key)
        let (_, height) = try await location.submit(.revokeModel(modelID: id), owner: owner)
        print("revoked model \(id.hex) in block \(height)")
    }
}

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Registration receipts for offline verification.", subcommands: [Get.self, Check.self])

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the receipt of a model's registration as of the chain's tip.")
        @Argument(help: "The model ID (hex); or give --model.") var modelID: String?
        @Option(help: "The model's descriptor (.zkpub), instead of its ID.") var model: String?
        @Option(help: "Where to write the receipt.") var output: String
        @OptionGroup var location: ChainLocation

        func run() async throws {
            let id = try resolveModelID(modelID, descriptor: model)
            let receipt: ModelReceipt
            if let client = try location.client() { receipt = try await client.receipt(for: id) } else {
                receipt = try location.embedded().chain.receipt(for: id)
            }
            let bytes = receipt.encoded()
            try Data(bytes).write(to: URL(fileURLWithPath: output))
            print("wrote \(output) (\(bytes.count) bytes)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check a receipt offline against a genesis.")
        @Argument(help: "The receipt file.") var receipt: String
        @Option(help: "The chain's genesis.json.") var genesis: String

        func run() throws {
            let record = try verifiedRecord(receipt: receipt, genesis: genesis)
            print("model \(record.modelID.hex) (\(record.name) \(record.version)) registered at block \(record.registeredAt) by \(record.owner.hex)")
            if let revoked = record.revokedAt { throw CLIError("model revoked at block \(revoked)") }
            print("receipt valid: registered and not revoked")
        }
    }
}

/// A model ID given as hex, or read from a descriptor file.
func resolveModelID(_ hex: String?, descriptor: String?) throws -> Digest {
    if let hex {
        guard let id = Digest(hex: hex) else { throw CLIError("\(hex) is not a 32-byte hex model ID") }
        return id
    }
    guard let descriptor else { throw CLIError("give a model ID or --model DESCRIPTOR.zkpub") }
    guard let bytes = FileManager.default.contents(atPath: descriptor) else { throw CLIError("cannot read \(descriptor)") }
    return try ModelDescriptor(decoding: Array(bytes)).modelID
}

/// Loads and checks a receipt against a genesis file.
func verifiedRecord(receipt: String, genesis: String) throws -> ModelRecord {
    guard let receiptBytes = FileManager.default.contents(atPath: receipt) else { throw CLIError("cannot read \(receipt)") }
    guard let genesisBytes = FileManager.default.contents(atPath: genesis) else { throw CLIError("cannot read \(genesis)") }
    let chainGenesis = try Genesis(json: genesisBytes)
    let decoded = try ModelReceipt(decoding: Array(receiptBytes))
    do { return try decoded.verify(genesis: chainGenesis) } catch { throw CLIError("receipt rejected: \(error)") }
}
