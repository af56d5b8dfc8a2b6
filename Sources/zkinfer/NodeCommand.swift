import ArgumentParser
import Foundation
import ZKChain
import ZKServer
#if canImport(Glibc)
import Glibc
#endif

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
                SIGINT or SIGTERM stop the node gracefully. The node owns DIR for its lifetime (a lock on \
                DIR/LOCK naming its URL): a second node or a CLI writer is refused and told to use --node URL.
                """)

        @Option(help: "Directory of the node's chain database (created if missing).") var data: String
        @Option(help: "The chain's genesis file.") var genesis: String
        @Option(help: "Validator key file (required to propose or co-sign blocks).") var key: String?
        @Option(help: "Address to listen on, HOST:PORT (port 0 picks a free port).") var listen = "127.0.0.1:8545"
        @Option(help: "Base URL of the leader to follow (this node then does not propose).") var follow: String?
        @Option(name: .customLong("peer"), help: "Base URL of a co-signing validator node (repeatable).") var peers: [String] = []
        @Option(help: "Least milliseconds between two blocks.") var blockInterval = 100

        func validate() throws {
            if blockInterval < 1 { throw ValidationError("--block-interval must be at least 1 ms, got \(blockInterval)") }
        }

        func run() async throws {
            let genesis = try Loaders.genesis(genesis)
            let (host, port) = try Self.hostAndPort(listen)
            let followURL = try follow.map { text throws(CLIError) in try Self.url(text, "--follow") }
            let peerURLs = try peers.map { text throws(CLIError) in try Self.url(text, "--peer") }

            var validator: ValidatorIdentity?
            if let key {
                let signingKey = try KeyFile.load(key)
                validator = ValidatorIdentity(key: signingKey, genesis: genesis)
                if validator == nil {
                    guard followURL != nil else { throw CLIError.usage("\(displayPath(key)) is not a validator of this genesis") }
                    warn("\(displayPath(key)) is not a validator key; this follower will not co-sign")
                }
            }
            guard followURL != nil || validator != nil else {
                throw CLIError.usage("a node without --follow proposes blocks: give it a validator --key")
            }

            do {
                try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            } catch {
                throw CLIError.input("cannot create the directory \(displayPath(data)); check the path and its permissions")
            }
            let displayHost = host.contains(":") ? "[\(host)]" : host
            let lock = try DataDirectoryLock.forNode(directory: data, url: "http://\(displayHost):\(port)")
            try Self.checkAddressFree(host: host, port: port)
            NodeBindAddress.current.withLock { $0 = "\(host):\(port)" }

            let chain: Chain
            do {
                let store = try SQLiteChainStore(path: URL(fileURLWithPath: data).appendingPathComponent("chain.sqlite").path)
                chain = try Chain(genesis: genesis, store: store)
            } catch {
                throw CLIError.chain("cannot open the chain in \(displayPath(data)): \(terminalSafe(String(describing: error)))")
            }
            let node = try ChainNode(chain: chain, configuration: ChainNode.Configuration(
                validator: validator, peers: peerURLs, follow: followURL, blockInterval: .milliseconds(blockInterval),
                cosignLogPath: "\(data)/cosigned.log"))

            let app = NodeServer.application(for: node, host: host, port: port) { boundPort in
                lock.describe("node pid \(getpid()) http://\(displayHost):\(boundPort)")
                await node.start()
                let state = chain.state
                // Unbuffered, so a supervising process sees it at once.
                FileHandle.standardOutput.write(Data("""
                    listening on http://\(displayHost):\(boundPort)
                    chain ID \(state.chainID.hex), height \(state.tipHeight), role \(node.role.rawValue)\n
                    """.utf8))
            }
            try await app.runService()
            await node.stop()
            withExtendedLifetime(lock) {}
        }

        static func hostAndPort(_ text: String) throws(CLIError) -> (String, Int) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (0...65535).contains(port), colon > text.startIndex else {
                throw .usage("--listen must be HOST:PORT (e.g. 127.0.0.1:8545), got \(terminalSafe(text))")
            }
            var host = String(text[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            return (host, port)
        }

        static func url(_ text: String, _ option: String) throws(CLIError) -> URL {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw .usage("\(option) must be an http URL such as http://127.0.0.1:8545, got \(terminalSafe(text))")
            }
            return url
        }

        /// Binds a probe socket to HOST:PORT (with SO_REUSEADDR, as the server does) so that an
        /// address in use is reported plainly before the server starts; a port taken between this
        /// check and the server's bind is still reported the same way (`CLIError.from`).
        static func checkAddressFree(host: String, port: Int) throws(CLIError) {
            guard port != 0 else { return }
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
                throw .usage("--listen \(terminalSafe(host)):\(port): cannot resolve the host \(terminalSafe(host))")
            }
            defer { freeaddrinfo(result) }
            let probe = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard probe >= 0 else { return }
            defer { close(probe) }
            var on: Int32 = 1
            _ = setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
            if bind(probe, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 {
                let reason = errno
                if reason == EADDRINUSE {
                    throw .chain("address \(terminalSafe(host)):\(port) is already in use: stop the process using it or choose another --listen port")
                }
                if reason == EADDRNOTAVAIL {
                    throw .usage("address \(terminalSafe(host)):\(port) is not an address of this machine; check --listen")
                }
                if reason == EACCES {
                    throw .chain("no permission to listen on \(terminalSafe(host)):\(port); choose a port above 1023")
                }
            }
        }
    }
}
