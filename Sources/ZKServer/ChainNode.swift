import Foundation
import Logging
import ZKChain
import ZKProof

/// A node of the chain: a `Chain` and, depending on its configuration, one of three roles.
/// - **Proposer** (a validator key, no `follow`): keeps a mempool of validated transactions,
///   turns it into a block whenever it is non-empty (at most one block per `blockInterval`),
///   signs it, collects co-signatures from `peers` until the genesis threshold is met, appends it
///   durably, and only then acknowledges its transactions.
/// - **Follower** (`follow` set): polls the leader's blocks and appends each through
///   `Chain.append`, which re-validates everything; with a validator key it also co-signs
///   proposed blocks that extend its tip. Transactions it receives are forwarded to the leader.
/// - **Observer** (neither): serves reads only.
public actor ChainNode {
    /// What a node is started with: its key, its peers, its storage and its limits.
    public struct Configuration: Sendable {
        /// Signs (as proposer) or co-signs (as follower) blocks.
        public var validator: ValidatorIdentity?
        /// Validator nodes a proposer asks to co-sign each block.
        public var peers: [URL]
        /// The leader this node follows; nil for a proposer.
        public var follow: URL?
        /// Least time between two blocks (a proposer), or between two polls of the leader when
        /// caught up (a follower).
        public var blockInterval: Duration
        public var maximumTransactionsPerBlock: Int
        /// Bound on a proposed block's transaction bytes, so that blocks fit co-signing requests.
        public var maximumBlockTransactionBytes: Int
        /// How long a submission waits for its block before answering 503.
        public var acknowledgementTimeout: Duration
        public var maximumPendingTransactions: Int
        /// Pending transactions one sender may have (each is validated after the earlier ones).
        public var maximumPendingPerSender: Int
        /// Where a validator records every block it signs (as proposer or co-signer) before the
        /// signature leaves the process, so that even after a restart it never signs a different
        /// block at that height, and a proposer finishes its own recorded proposal; nil keeps
        /// the record in memory only (tests).
        public var cosignLogPath: String?

        public init(validator: ValidatorIdentity? = nil, peers: [URL] = [], follow: URL? = nil,
                    blockInterval: Duration = .milliseconds(100), maximumTransactionsPerBlock: Int = 512,
                    maximumBlockTransactionBytes: Int = 4 << 20, acknowledgementTimeout: Duration = .seconds(10),
                    maximumPendingTransactions: Int = 16_384, maximumPendingPerSender: Int = 64,
                    cosignLogPath: String? = nil) {
            self.cosignLogPath = cosignLogPath
            self.validator = validator
            self.peers = peers
            self.follow = follow
            self.blockInterval = blockInterval
            self.maximumTransactionsPerBlock = maximumTransactionsPerBlock
            self.maximumBlockTransactionBytes = maximumBlockTransactionBytes
            self.acknowledgementTimeout = acknowledgementTimeout
            self.maximumPendingTransactions = maximumPendingTransactions
            self.maximumPendingPerSender = maximumPendingPerSender
        }
    }

    /// Proposes blocks, co-signs them, or only follows and serves.
    public enum Role: String, Sendable {
        case proposer, follower, observer
    }

    public nonisolated let chain: Chain
    public nonisolated let configuration: Configuration
    public nonisolated let role: Role
    let leader: NodeClient?
    let peers: [NodeClient]
    let logger: Logger

    var mempool = Mempool()
    /// Blocks this validator signed above its tip (its own proposals and others' it
    /// co-signed), by height: it never signs a second, different block at a height (no
    /// equivocation); a co-signer hands the first back instead, a proposer finishes it.
    var signedProposals: [UInt64: Block] = [:]
    let signedBlockLog: SignedBlockLog?
    /// Submissions waiting for their block, by transaction ID.
    var waiters: [Digest: CheckedContinuation<UInt64, any Error>] = [:]
    /// Wakes the proposer when the mempool becomes non-empty.
    let wakeups: AsyncStream<Void>
    let wakeup: AsyncStream<Void>.Continuation
    private var loop: Task<Void, Never>?
    private var stopped = false

    /// Throws when the validator key is not the genesis validator at its index, or when a
    /// proposer has too few peers to ever reach the threshold. Numeric limits are clamped to
    /// their valid ranges (at least 1; at most the chain's limits).
    public init(chain: Chain, configuration: Configuration, logger: Logger = Logger(label: "zkinfer.node")) throws(NodeConfigurationError) {
        if let validator = configuration.validator {
            let validators = chain.genesis.validators
            guard validators.indices.contains(validator.index), validators[validator.index] == validator.key.publicKey else {
                throw .notAValidator(validator.key.publicKey)
            }
        }
        let role: Role = configuration.follow != nil ? .follower : configuration.validator != nil ? .proposer : .observer
        if role == .proposer, configuration.peers.count + 1 < chain.genesis.threshold {
            throw .tooFewPeers(peers: configuration.peers.count, threshold: chain.genesis.threshold)
        }
        var configuration = configuration
        configuration.maximumTransactionsPerBlock = min(max(1, configuration.maximumTransactionsPerBlock), ChainLimits.maximumBlockTransactions)
        configuration.maximumBlockTransactionBytes = max(ChainLimits.maximumTransactionBytes, configuration.maximumBlockTransactionBytes)
        configuration.maximumPendingTransactions = max(1, configuration.maximumPendingTransactions)
        configuration.maximumPendingPerSender = max(1, configuration.maximumPendingPerSender)
        self.chain = chain
        self.configuration = configuration
        self.role = role
        self.leader = configuration.follow.map { NodeClient(baseURL: $0) }
        self.peers = configuration.peers.map { NodeClient(baseURL: $0, timeout: 5) }
        self.logger = logger
        if let path = configuration.cosignLogPath {
            do {
                let log = try SignedBlockLog(path: path)
                signedProposals = try log.load(above: chain.state.tipHeight)
                signedBlockLog = log
            } catch {
                throw .unusableDataFile(path)
            }
        } else {
            signedBlockLog = nil
        }
        (wakeups, wakeup) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public nonisolated var genesis: Genesis { chain.genesis }

    /// Starts producing (proposer) or syncing (follower) in the background.
    public func start() {
        guard loop == nil, !stopped else { return }
        switch role {
        case .proposer:
            loop = Task { await self.runProposer() }
            // A proposal signed before a restart is finished first, before any new transaction.
            if unfinishedProposal != nil { wakeup.yield() }
        case .follower: loop = Task { await self.runFollower() }
        case .observer: break
        }
    }

    /// Stops the background work and answers every waiting submission with 503. Blocks already
    /// appended stay; pending transactions are dropped (they were never acknowledged).
    public func stop() async {
        stopped = true
        loop?.cancel()
        wakeup.finish()
        await loop?.value
        loop = nil
        for (_, waiter) in waiters { waiter.resume(throwing: ChainNodeError.unavailable("node stopped")) }
        waiters = [:]
    }

    public func status() -> NodeAPI.Status {
        let state = chain.state
        return NodeAPI.Status(chainID: state.chainID.hex, height: state.tipHeight, tip: state.tipHash.hex,
                              validators: genesis.validators.map(\.hex), threshold: genesis.threshold,
                              pending: mempool.count)
    }

    public var pendingCount: Int { mempool.count }

    // MARK: Submissions

    /// Admits `transaction` and returns once the block holding it is durably appended (a
    /// follower forwards it to its leader). Throws `ChainNodeError`: 409 if it is already pending
    /// or on the chain, 422 if it is invalid, 429/503 when the node cannot take more, 503 when
    /// no block holds it within the acknowledgement timeout.
    public func submit(_ transaction: Transaction) async throws -> (id: Digest, height: UInt64) {
        switch role {
        case .observer:
            throw ChainNodeError.unavailable("this node neither proposes blocks nor follows a leader")
        case .follower:
            return try await forward(transaction)
        case .proposer:
            guard !stopped else { throw ChainNodeError.unavailable("node stopped") }
            let id = transaction.id
            try admit(transaction, id: id)
            return (id, try await inclusion(of: id))
        }
    }

    private func admit(_ transaction: Transaction, id: Digest) throws {
        guard !mempool.contains(id) else { throw ChainNodeError.conflict("transaction \(id) is already pending") }
        let state = chain.state
        guard !state.containsTransaction(id) else { throw ChainNodeError.conflict("transaction \(id) is already on the chain") }
        guard mempool.count < configuration.maximumPendingTransactions else {
            throw ChainNodeError.unavailable("the mempool is full (\(mempool.count) transactions)")
        }
        let earlier = mempool.pending(from: transaction.sender)
        guard earlier.count < configuration.maximumPendingPerSender else {
            throw ChainNodeError.tooManyPending("sender \(transaction.sender) has \(earlier.count) pending transactions")
        }
        do {
            try state.validate(earlier + [transaction])
        } catch {
            throw ChainNodeError.invalid(error.description)
        }
        mempool.insert(transaction, id: id)
        wakeup.yield()
    }

    /// Waits for the block holding `id`; 503 after the acknowledgement timeout (the transaction
    /// stays pending and may still be included).
    private func inclusion(of id: Digest) async throws -> UInt64 {
        let timeout = configuration.acknowledgementTimeout
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.resolve(id, with: .failure(ChainNodeError.unavailable("transaction \(id) is not in a block after \(timeout); it may still be included")))
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters[id] = continuation
            }
        } onCancel: {
            Task { await self.resolve(id, with: .failure(CancellationError())) }
        }
    }

    func resolve(_ id: Digest, with result: Result<UInt64, any Error>) {
        waiters.removeValue(forKey: id)?.resume(with: result)
    }

    private func forward(_ transaction: Transaction) async throws -> (id: Digest, height: UInt64) {
        guard let leader else { throw ChainNodeError.unavailable("no leader") }
        let answer: (id: Digest, height: UInt64)
        do {
            answer = try await leader.submit(transaction)
        } catch {
            switch error {
            case let .rejected(status, message): throw ChainNodeError.leaderRefused(status: status, message: message)
            case .transport, .malformedResponse, .alreadySigned: throw ChainNodeError.leaderFailed("\(error)")
            }
        }
        // The leader has appended it durably; catch up so that reads here see it too.
        _ = try? await synchronize()
        return answer
    }
}

/// Why a node cannot start with its configuration.
public enum NodeConfigurationError: Error, Equatable, CustomStringConvertible {
    case notAValidator(PublicKey)
    case tooFewPeers(peers: Int, threshold: Int)
    case unusableDataFile(String)

    public var description: String {
        switch self {
        case let .notAValidator(key): "key \(key) is not a validator of this chain's genesis"
        case let .tooFewPeers(peers, threshold): "a proposer with \(peers) peers cannot reach the threshold \(threshold)"
        case let .unusableDataFile(path): "cannot open or create \(path)"
        }
    }
}
