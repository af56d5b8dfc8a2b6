import ArgumentParser
import Foundation
import ZKChain
import ZKProof
import ZKServer

/// Where chain commands act: an embedded chain in a data directory, or a node over HTTP.
struct ChainLocation: ParsableArguments {
    @Option(help: "Embedded chain directory (genesis.json, chain.sqlite, validator keys).") var data: String?
    @Option(help: "A node's base URL, e.g. http://127.0.0.1:8545.") var node: String?

    func validate() throws {
        if data != nil && node != nil { throw ValidationError("give either --data or --node, not both") }
    }

    /// The node client when `--node` is given.
    func client() throws(CLIError) -> NodeClient? {
        guard let node else { return nil }
        return try Self.makeClient(node)
    }

    static func makeClient(_ text: String) throws(CLIError) -> NodeClient {
        guard let url = URL(string: text), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw .usage("--node \(terminalSafe(text)) is not an http(s) URL such as http://127.0.0.1:8545")
        }
        return NodeClient(baseURL: url)
    }

    func dataDirectory() throws(CLIError) -> String {
        guard let data else { throw .usage("give --data DIR (an embedded chain) or --node URL (a running node)") }
        return data
    }

    /// The embedded chain for reading: no lock (SQLite WAL readers are safe beside a writer).
    func embeddedForReading() throws(CLIError) -> EmbeddedChain {
        try EmbeddedChain(directory: dataDirectory())
    }

    /// The embedded chain for writing, with the directory's lock held: the chain is opened after
    /// the lock is taken, so it sees every block earlier writers appended.
    func embeddedForWriting() throws(CLIError) -> (chain: EmbeddedChain, lock: DataDirectoryLock) {
        let directory = try dataDirectory()
        guard FileManager.default.fileExists(atPath: EmbeddedChain.genesisPath(directory)) else {
            throw EmbeddedChain.missingGenesis(directory)
        }
        let lock = try DataDirectoryLock.forWriter(directory: directory)
        return (try EmbeddedChain(directory: directory), lock)
    }

    /// Signs `body` with the owner's next nonce and has the node put it in a block; returns the
    /// transaction and the block height.
    static func submit(_ body: TransactionBody, owner: SigningKey, client: NodeClient) async throws(CLIError)
        -> (transaction: Transaction, height: UInt64) {
        do {
            let status = try await client.status()
            guard let chainID = Digest(hex: status.chainID) else {
                throw CLIError.chain("the node at \(client.baseURL.absoluteString) reports a malformed chain ID")
            }
            let nonce = try await client.nextNonce(of: owner.publicKey)
            let transaction = Transaction.signed(body: body, nonce: nonce, chainID: chainID, key: owner)
            let (_, height) = try await client.submit(transaction)
            return (transaction, height)
        } catch let error as NodeClientError {
            throw CLIError.fromNode(error, url: client.baseURL)
        } catch {
            throw CLIError.from(error)
        }
    }

    /// The node's record of `modelID`, nil when it answers 404.
    static func record(of modelID: Digest, client: NodeClient) async throws(CLIError) -> ModelRecord? {
        do {
            return try await client.model(modelID)
        } catch {
            if error.status == 404 { return nil }
            throw CLIError.fromNode(error, url: client.baseURL)
        }
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

    static func missingGenesis(_ directory: String) -> CLIError {
        var status = stat()
        if stat(directory, &status) != 0 {
            return .input("\(displayPath(directory)) does not exist: create a chain with `zkinfer chain init --data \(displayPath(directory))`")
        }
        return .input("\(displayPath(directory)) has no genesis.json: run `zkinfer chain init --data \(displayPath(directory))` first")
    }

    init(directory path: String) throws(CLIError) {
        directory = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: Self.genesisPath(path)) else { throw Self.missingGenesis(path) }
        genesis = try Loaders.genesis(Self.genesisPath(path))
        do {
            let store = try SQLiteChainStore(path: directory.appendingPathComponent("chain.sqlite").path)
            chain = try Chain(genesis: genesis, store: store)
        } catch {
            throw .chain("cannot open the chain in \(displayPath(path)): \(terminalSafe(String(describing: error)))")
        }
        var keys = [(index: Int, key: SigningKey)]()
        for (index, validator) in genesis.validators.enumerated() {
            let file = directory.appendingPathComponent("validator-\(index).json").path
            if FileManager.default.fileExists(atPath: file) {
                let key = try KeyFile.load(file)
                guard key.publicKey == validator else {
                    throw .input("\(displayPath(file)) is not validator \(index) of \(displayPath(Self.genesisPath(path)))")
                }
                keys.append((index, key))
            }
        }
        validatorKeys = keys
    }

    /// Puts `transactions` in a new block signed by the local validator keys.
    func commit(_ transactions: [Transaction]) throws(CLIError) -> Block {
        guard validatorKeys.count >= genesis.threshold else {
            throw .chain("\(displayPath(directory.path)) holds \(validatorKeys.count) validator keys; blocks need \(genesis.threshold) "
                         + "signatures: use --node URL to submit through the validators' node")
        }
        let timestamp = max(UInt64(Date().timeIntervalSince1970 * 1000), chain.state.tipTimestamp)
        do {
            return try chain.produceBlock(transactions: transactions, timestamp: timestamp,
                                          signers: Array(validatorKeys.prefix(genesis.threshold)))
        } catch {
            throw CLIError.from(error)
        }
    }

    /// Signs `body` with the owner's next nonce and appends it in a new block.
    func submit(_ body: TransactionBody, owner: SigningKey) throws(CLIError) -> (transaction: Transaction, height: UInt64) {
        let transaction = Transaction.signed(body: body, nonce: chain.state.nextNonce(for: owner.publicKey),
                                             chainID: genesis.hash, key: owner)
        return (transaction, try commit([transaction]).header.height)
    }
}
