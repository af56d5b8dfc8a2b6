import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization
import Testing
import ZKChain
import ZKProof
import ZKServer

// Shared fixtures of the node tests: deterministic keys, genesis files, nodes on loopback
// ports the system picks, signed registrations, raw HTTP exchanges, and waiting with a deadline.

/// A key whose seed is 32 copies of `byte`.
func testKey(_ byte: UInt8) -> SigningKey {
    guard let key = SigningKey(seed: [UInt8](repeating: byte, count: 32)) else {
        fatalError("OpenSSL refused a test seed")
    }
    return key
}

/// A key derived from a number, for bursts needing many distinct senders.
func numberedKey(_ number: Int) -> SigningKey {
    var seed = [UInt8](repeating: 0x5A, count: 32)
    withUnsafeBytes(of: UInt64(number).littleEndian) { seed.replaceSubrange(0..<8, with: $0) }
    guard let key = SigningKey(seed: seed) else { fatalError("OpenSSL refused a test seed") }
    return key
}

func testDigest(_ label: String) -> Digest { SHA256.hash(Array(label.utf8)) }

/// Validators 0, 1 and 2, in genesis index order.
let validatorKeys: [SigningKey] = [testKey(0xB1), testKey(0xB2), testKey(0xB3)].sorted { $0.publicKey < $1.publicKey }

/// A genesis of the first `count` validators, a minute in the past (blocks use the wall clock).
func makeGenesis(validators count: Int = 3, threshold: Int, name: String = "zkinfer-node-test") -> Genesis {
    do {
        return try Genesis(chainName: name, timestamp: Chain.wallClock() - 60_000,
                           validators: validatorKeys.prefix(count).map(\.publicKey), threshold: threshold)
    } catch {
        fatalError("test genesis rejected: \(error)")
    }
}

func registration(_ label: String) -> TransactionBody {
    .registerModel(ModelRegistration(modelID: testDigest("model " + label), circuitDigest: testDigest("circuit " + label),
                                     weightsCommitment: testDigest("weights " + label), name: "model-\(label)",
                                     version: "1.0", metadata: ["license": "MIT"]))
}

func modelID(_ label: String) -> Digest { testDigest("model " + label) }

/// Starts a node on a loopback port over `store` (a fresh in-memory store by default).
func startNode(genesis: Genesis, validator: Int? = nil, peers: [URL] = [], follow: URL? = nil,
               store: any ChainStore = InMemoryChainStore(), port: Int = 0,
               acknowledgementTimeout: Duration = .seconds(10), blockInterval: Duration = .milliseconds(50)) async throws -> NodeServer {
    let chain = try Chain(genesis: genesis, store: store)
    let identity = validator.flatMap { ValidatorIdentity(key: validatorKeys[$0], genesis: genesis) }
    let configuration = ChainNode.Configuration(validator: identity, peers: peers, follow: follow,
                                                blockInterval: blockInterval, acknowledgementTimeout: acknowledgementTimeout)
    let node = try ChainNode(chain: chain, configuration: configuration, logger: quietLogger)
    return try await NodeServer.start(node: node, port: port, logger: quietLogger)
}

/// Nodes in tests log errors only (followers starting before their leader warn otherwise).
let quietLogger: Logger = {
    var logger = Logger(label: "zkinfer.node.test")
    logger.logLevel = .error
    return logger
}()

/// A port outside Linux's ephemeral range (32768–60999), for a node that must be reachable at a
/// URL fixed before it starts or kept across a restart: no outgoing connection of a concurrent
/// test can hold it as its local port.
func fixedPort() -> Int { Int.random(in: 20_000..<32_000) }

func isAddressInUse(_ error: any Error) -> Bool {
    "\(error)".contains("Address already in use")
}

/// `start` on a fresh fixed port, retried on another port if that one is taken.
func onFixedPort<Result>(_ start: (Int) async throws -> Result) async throws -> Result {
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await start(fixedPort())
        } catch where attempt < 10 && isAddressInUse(error) {
            continue
        }
    }
}

/// `start`, retried for up to five seconds while its port is still taken (a restart on the port
/// of a node just stopped).
func retryingWhileAddressInUse<Result>(_ start: () async throws -> Result) async throws -> Result {
    let deadline = ContinuousClock.now + .seconds(5)
    while true {
        do {
            return try await start()
        } catch where isAddressInUse(error) && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

extension NodeServer {
    var client: NodeClient { NodeClient(baseURL: url) }
}

/// Polls `condition` every 20 ms until it holds; records an issue after `timeout`.
func eventually(_ what: String, timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation,
                _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
}

/// Every block hash of `chain`, from height 1 to its tip.
func blockHashes(_ chain: Chain) throws -> [Digest] {
    try chain.blocks(from: 1, limit: Int(chain.state.tipHeight)).map(\.hash)
}

/// A raw HTTP exchange, for requests `NodeClient` would never send and for checking headers.
struct RawResponse {
    var status: Int
    var headers: [String: String]
    var body: Data

    /// The value of the header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `error` string of a JSON error body, nil if the body is not one.
    var errorMessage: String? {
        (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["error"] as? String
    }

    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}

func rawRequest(_ base: URL, _ method: String, _ path: String, body: Data? = nil) async throws -> RawResponse {
    guard let url = URL(string: base.absoluteString + path) else { throw URLError(.badURL) }
    var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 30)
    request.httpMethod = method
    request.httpBody = body
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as? HTTPURLResponse
    var headers = [String: String]()
    for (key, value) in http?.allHeaderFields ?? [:] {
        if let key = key as? String, let value = value as? String { headers[key] = value }
    }
    return RawResponse(status: http?.statusCode ?? 0, headers: headers, body: data)
}

func jsonBody(_ object: [String: Any]) -> Data {
    (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
}

/// Lowercase hex, as the API expects.
func hex(_ bytes: [UInt8]) -> String { bytes.hexString }
