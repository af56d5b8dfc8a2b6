import ArgumentParser
import Foundation
import ZKChain
import ZKServer

struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node", abstract: "Run a chain node over HTTP.", subcommands: [Start.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the chain's HTTP API, proposing blocks (a validator without --follow) or following a leader.",
            discussion: """
                A proposer turns submitted transactions into blocks, has them co-signed by its --peer \
                validators until the genesis threshold is met, and appends them durably to DIR/chain.sqlite \
                before acknowledging. A follower (--follow URL) re-validates and appends every block of \
                its leader, forwards submissions to it, and co-signs the leader's blocks when its --key is \
                a validator's. The first line on standard output is "listening on http://HOST:PORT". \
                SIGINT or SIGTERM stop the node gracefully.
                """)

        @Option(help: "Directory of the node's chain database (created if missing).") var data: String
        @Option(help: "The chain's genesis file.") var genesis: String
        @Option(help: "Validator key file (required to propose or co-sign blocks).") var key: String?
        @Option(help: "Address to listen on, HOST:PORT (port 0 picks a free port).") var listen = "127.0.0.1:8545"
        @Option(help: "Base URL of the leader to follow (this node then does not propose).") var follow: String?
        @Option(name: .customLong("peer"), help: "Base URL of a co-signing validator node (repeatable).") var peers: [String] = []
        @Option(help: "Least milliseconds between two blocks.") var blockInterval = 100

        func run() async throws {
            guard let genesisData = FileManager.default.contents(atPath: genesis) else { throw CLIError("cannot read \(genesis)") }
            let genesis = try Genesis(json: genesisData)
            let (host, port) = try Self.hostAndPort(listen)
            let followURL = try follow.map { try Self.url($0, "--follow") }
            let peerURLs = try peers.map { try Self.url($0, "--peer") }
            guard blockInterval >= 1 else { throw CLIError("--block-interval must be at least 1 ms") }

            var validator: ValidatorIdentity?
            if let key {
                let signingKey = try KeyFile.load(key)
                validator = ValidatorIdentity(key: signingKey, genesis: genesis)
                if validator == nil {
                    guard followURL != nil else { throw CLIError("\(key) is not a validator of this genesis") }
                    FileHandle.standardError.write(Data("warning: \(key) is not a validator key; this follower will not co-sign\n".utf8))
                }
            }
            guard followURL != nil || validator != nil else {
                throw CLIError("a node without --follow proposes blocks: give it a validator --key")
            }

            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let store = try SQLiteChainStore(path: URL(fileURLWithPath: data).appendingPathComponent("chain.sqlite").path)
            let chain = try Chain(genesis: genesis, store: store)
            let node = try ChainNode(chain: chain, configuration: ChainNode.Configuration(
                validator: validator, peers: peerURLs, follow: followURL, blockInterval: .milliseconds(blockInterval),
                cosignLogPath: "\(data)/cosigned.log"))

            let app = NodeServer.application(for: node, host: host, port: port) { boundPort in
                await node.start()
                let state = chain.state
                // Unbuffered, so a supervising process sees it at once.
                FileHandle.standardOutput.write(Data("""
                    listening on http://\(host):\(boundPort)
                    chain ID \(state.chainID.hex), height \(state.tipHeight), role \(node.role.rawValue)\n
                    """.utf8))
            }
            try await app.runService()
            await node.stop()
        }

        static func hostAndPort(_ text: String) throws -> (String, Int) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (0...65535).contains(port), colon > text.startIndex else {
                throw CLIError("--listen must be HOST:PORT, got \(text)")
            }
            return (String(text[..<colon]), port)
        }

        static func url(_ text: String, _ option: String) throws -> URL {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw CLIError("\(option) must be an http URL, got \(text)")
            }
            return url
        }
    }
}
