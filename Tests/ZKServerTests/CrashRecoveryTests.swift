import Foundation
import Synchronization
import Testing
import ZKChain
import ZKProof
import ZKServer

/// A leader on a data directory that can be stopped abruptly and restarted on the same data and
/// port (followers keep its URL).
protocol CrashableLeader: Sendable {
    var url: URL { get }
    /// Stops the leader mid-work.
    func crash() async
    /// Starts it again on the same data directory and port.
    func restart() async throws
    func shutdown() async
}

/// `zkinfer node start` in a child process, killed with SIGKILL.
final class ProcessLeader: CrashableLeader, @unchecked Sendable {
    let binary: URL
    let arguments: [String]
    let directory: URL
    private let current: Mutex<NodeProcess?>
    let url: URL

    init(binary: URL, genesis: Genesis, directory: URL) async throws {
        let genesisPath = directory.appendingPathComponent("genesis.json").path
        let keyPath = directory.appendingPathComponent("validator-0.json").path
        try genesis.json().write(to: URL(fileURLWithPath: genesisPath))
        try writeKeyFile(validatorKeys[0], to: keyPath)
        func arguments(port: Int) -> [String] {
            ["node", "start", "--data", directory.appendingPathComponent("data").path, "--genesis", genesisPath,
             "--key", keyPath, "--listen", "127.0.0.1:\(port)", "--block-interval", "50"]
        }
        let logPath = directory.appendingPathComponent("node-1.log").path
        let (first, port) = try await onFixedPort { port in
            (try await NodeProcess(binary: binary, arguments: arguments(port: port), logPath: logPath), port)
        }
        self.binary = binary
        self.directory = directory
        self.url = first.url
        self.arguments = arguments(port: port)
        self.current = Mutex(first)
    }

    func crash() async {
        current.withLock { $0?.kill() }
    }

    func restart() async throws {
        let next = try await retryingWhileAddressInUse {
            try await NodeProcess(binary: binary, arguments: arguments, logPath: directory.appendingPathComponent("node-2.log").path)
        }
        current.withLock { $0 = next }
    }

    func shutdown() async {
        current.withLock { $0?.terminate() }
    }
}

/// A node in this process over a SQLite store in a directory, stopped mid-burst.
final class InProcessLeader: CrashableLeader {
    let genesis: Genesis
    let path: String
    let url: URL
    private let current: Mutex<NodeServer?>

    init(genesis: Genesis, directory: URL) async throws {
        self.genesis = genesis
        self.path = directory.appendingPathComponent("chain.sqlite").path
        let store = try SQLiteChainStore(path: path)
        let server = try await onFixedPort { port in try await startNode(genesis: genesis, validator: 0, store: store, port: port) }
        self.url = server.url
        self.current = Mutex(server)
    }

    func crash() async {
        await current.withLock { $0 }?.stop()
    }

    func restart() async throws {
        let store = try SQLiteChainStore(path: path)
        let server = try await retryingWhileAddressInUse {
            try await startNode(genesis: genesis, validator: 0, store: store, port: url.port ?? 0)
        }
        current.withLock { $0 = server }
    }

    func shutdown() async {
        await current.withLock { $0 }?.stop()
    }
}

/// The crash test: a leader on loopback takes a burst of registrations from concurrent clients,
/// is stopped abruptly mid-burst and restarted on the same data. Every acknowledged transaction
/// must be in the chain, the whole chain must re-validate, and a follower that synced before and
/// after must agree on every block hash.
@Suite("Crash recovery", .serialized) struct CrashRecoveryTests {
    static let registrations = 1_200
    static let clients = 48
    static let crashAfterAcknowledgements = 400

    @Test("SIGKILL of a `zkinfer node start` process mid-burst", .enabled(if: NodeProcess.binary != nil))
    func killedProcess() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let genesis = makeGenesis(validators: 1, threshold: 1, name: "crash-process")
        guard let binary = NodeProcess.binary else { return }
        let leader = try await ProcessLeader(binary: binary, genesis: genesis, directory: directory)
        do {
            try await Self.crashAndRecover(leader, genesis: genesis)
        } catch {
            // Never leave a child process behind.
            await leader.shutdown()
            throw error
        }
    }

    @Test("in-process node over SQLite stopped mid-burst")
    func stoppedInProcess() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let genesis = makeGenesis(validators: 1, threshold: 1, name: "crash-in-process")
        let leader = try await InProcessLeader(genesis: genesis, directory: directory)
        try await Self.crashAndRecover(leader, genesis: genesis)
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func crashAndRecover(_ leader: some CrashableLeader, genesis: Genesis) async throws {
        let follower = try await startNode(genesis: genesis, follow: leader.url)
        let transactions = (0..<registrations).map { index in
            Transaction.signed(body: registration("crash \(genesis.chainName) \(index)"), nonce: 1, chainID: genesis.hash,
                               key: numberedKey(10_000 + index))
        }

        // The burst, with the leader stopped once enough are acknowledged and the follower has
        // synced some blocks.
        let burst = Burst()
        var syncedBeforeCrash: [Digest] = []
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    let client = NodeClient(baseURL: leader.url, timeout: 20)
                    while !burst.stopped.load(ordering: .relaxed) {
                        let index = burst.next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < registrations else { return }
                        if let (id, height) = try? await client.submit(transactions[index]) {
                            burst.acknowledged.withLock { $0[id] = height }
                        }
                    }
                }
            }
            try await eventually("\(crashAfterAcknowledgements) acknowledgements and a synced follower", timeout: .seconds(30)) {
                burst.acknowledged.withLock { $0.count } >= crashAfterAcknowledgements && follower.node.chain.state.tipHeight > 0
            }
            syncedBeforeCrash = try blockHashes(follower.node.chain)
            // Clients stop starting new submissions; the ones in flight (up to one per client)
            // are cut off by the crash.
            burst.stopped.store(true, ordering: .relaxed)
            await leader.crash()
            try await group.waitForAll()
        }
        let acknowledgedAtCrash = burst.acknowledged.withLock { $0 }
        #expect(acknowledgedAtCrash.count >= crashAfterAcknowledgements)
        #expect(acknowledgedAtCrash.count < registrations, "the leader was stopped after the burst, not during it")
        #expect(!syncedBeforeCrash.isEmpty)

        // Restart on the same data; resubmit what was not acknowledged (some of it is in the
        // chain already: 409) so that every registration ends up on the chain.
        try await leader.restart()
        let client = NodeClient(baseURL: leader.url, timeout: 20)
        let unacknowledged = transactions.filter { acknowledgedAtCrash[$0.id] == nil }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<clients {
                group.addTask {
                    for transaction in unacknowledged.dropFirst(worker).striding(by: clients) {
                        do {
                            let (id, height) = try await client.submit(transaction)
                            burst.acknowledged.withLock { $0[id] = height }
                        } catch {
                            #expect((error as? NodeClientError)?.status == 409, "resubmission after the restart: \(error)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }

        // Everything acknowledged, before and after the crash, is where the node said it is.
        let height = try await client.status().height
        var blocks = [Block]()
        while UInt64(blocks.count) < height {
            blocks += try await client.blocks(from: UInt64(blocks.count) + 1, limit: 100)
        }
        for (id, blockHeight) in burst.acknowledged.withLock({ $0 }) {
            let index = Int(blockHeight) - 1
            #expect(blocks.indices.contains(index) && blocks[index].transactions.contains { $0.id == id },
                    "acknowledged transaction \(id) is not in block \(blockHeight)")
        }
        // The whole chain re-validates from genesis, and holds every registration once.
        let revalidated = try Chain(genesis: genesis, store: InMemoryChainStore(blocks: blocks))
        #expect(revalidated.state.tipHeight == height)
        #expect(revalidated.state.models.count == registrations)
        #expect(revalidated.state.transactionCount == UInt64(registrations))

        // The follower kept what it synced before the crash and agrees on every block after.
        try await eventually("follower at height \(height)", timeout: .seconds(20)) { follower.node.chain.state.tipHeight >= height }
        let followed = try blockHashes(follower.node.chain)
        #expect(followed == blocks.map(\.hash))
        #expect(Array(followed.prefix(syncedBeforeCrash.count)) == syncedBeforeCrash)
        await follower.stop()
        await leader.shutdown()
    }
}

/// What the burst's clients share.
final class Burst: Sendable {
    /// Transaction ID → the height the node acknowledged it at.
    let acknowledged = Mutex<[Digest: UInt64]>([:])
    let stopped = Atomic<Bool>(false)
    /// The next registration to submit.
    let next = Atomic<Int>(0)
}

extension Collection {
    /// Every `step`-th element, from the first.
    func striding(by step: Int) -> [Element] {
        enumerated().filter { $0.offset % step == 0 }.map(\.element)
    }
}
