import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Logging
import Synchronization
import Testing
import ZKChain
import ZKProof
import ZKServer

/// Defect 12: the node's HTTP layer under slow, impatient and malformed clients. Each test here
/// failed before the fix: half-sent requests were held forever, a client hanging up mid-body
/// was logged as an error, a wrong method got 404, and an over-long URL an empty 400.
@Suite("HTTP hardening") struct HTTPHardeningTests {
    @Test func halfSentRequestsAreClosedAfterTheIdleTimeout() async throws {
        let server = try await Self.startNode(idleTimeout: .milliseconds(500))
        // Partial request lines and heads, a head with a body cut short, and a silent client.
        let partials = [
            "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            "GET /v1/sta",
            "POST /v1/transactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"transaction\":\"",
            "",
        ]
        var sockets = [LoopbackSocket]()
        for index in 0..<12 {
            let socket = try LoopbackSocket(port: server.port)
            try socket.send(Array(partials[index % partials.count].utf8))
            sockets.append(socket)
        }
        let started = ContinuousClock.now
        for (index, socket) in sockets.enumerated() {
            let outcome = socket.readUntilClosed(timeout: .seconds(5))
            #expect(outcome.closed, "connection \(index) (\(partials[index % partials.count].prefix(30).debugDescription)) still open after 5 s")
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(4), "closing took \(elapsed)")
        // Complete requests are still served.
        #expect(try await server.client.status().height == 0)
        await server.stop()
    }

    @Test func aClientHangingUpIsNotAnError() async throws {
        let records = LogRecords()
        var logger = Logger(label: "zkinfer.node.hardening") { _ in CapturingLogHandler(records: records) }
        logger.logLevel = .trace
        let server = try await Self.startNode(logger: logger)
        // A body promised at 10,000 bytes, cut off after 100, and a head cut off.
        for request in ["POST /v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n"
                            + String(repeating: "a", count: 100),
                        "POST /v1/blocks/sign HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{\"block\":\"00",
                        "GET /v1/status HTTP/1.1\r\nHo"] {
            let socket = try LoopbackSocket(port: server.port)
            try socket.send(Array(request.utf8))
            try await Task.sleep(for: .milliseconds(100))
            socket.close()
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await server.client.status().height == 0)
        await server.stop()
        let serious = records.all.filter { $0.level >= .error }
        #expect(serious.isEmpty, "logged at error level: \(serious.map(\.message))")
    }

    @Test func aWrongMethodIs405WithAllow() async throws {
        let server = try await Self.startNode()
        let model = testDigest("any model").hex
        let cases: [(method: String, path: String, allow: String)] = [
            ("DELETE", "/v1/status", "GET, HEAD"),
            ("POST", "/v1/status", "GET, HEAD"),
            ("GET", "/v1/transactions", "POST"),
            ("PUT", "/v1/transactions", "POST"),
            ("GET", "/v1/blocks/sign", "POST"),
            ("PATCH", "/v1/blocks/7", "GET, HEAD"),
            ("DELETE", "/v1/models/\(model)", "GET, HEAD"),
            ("POST", "/v1/models/\(model)/receipt", "GET, HEAD"),
        ]
        for (method, path, allow) in cases {
            let answer = try await rawRequest(server.url, method, path)
            #expect(answer.status == 405, "\(method) \(path)")
            #expect(answer.header("Allow") == allow, "\(method) \(path)")
            #expect(answer.header("Content-Type") == "application/json", "\(method) \(path)")
            #expect(answer.errorMessage?.contains("not allowed") == true, "\(method) \(path)")
        }
        // Explorer pages answer an HTML 405.
        let page = try await rawRequest(server.url, "POST", "/models")
        #expect(page.status == 405 && page.header("Allow") == "GET, HEAD")
        #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
        // Unknown paths stay 404, and known ones still answer.
        #expect(try await rawRequest(server.url, "DELETE", "/v1/nothing").status == 404)
        #expect(try await rawRequest(server.url, "GET", "/v1/status").status == 200)
        #expect(try await rawRequest(server.url, "HEAD", "/v1/status").status == 200)
        await server.stop()
    }

    @Test func anOverLongURLGetsAJSONError() async throws {
        let server = try await Self.startNode()
        // Over the node's URI limit, under the HTTP decoder's: 414 from the node.
        let long = try await rawRequest(server.url, "GET", "/v1/blocks/" + String(repeating: "1", count: 10_000))
        #expect(long.status == 414)
        #expect(long.header("Content-Type") == "application/json")
        #expect(long.errorMessage?.contains("limit") == true)
        // Over the decoder's 80 KiB: the parser fails, and the answer is still a JSON error.
        for target in ["/v1/status?" + String(repeating: "q", count: 100_000), "/" + String(repeating: "x", count: 200_000)] {
            let socket = try LoopbackSocket(port: server.port)
            try socket.send(Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
            let outcome = socket.readUntilClosed(timeout: .seconds(5))
            let answer = RawHTTPAnswer(outcome.bytes)
            #expect(answer?.status == 400, "answer: \(String(decoding: outcome.bytes.prefix(300), as: UTF8.self))")
            #expect(answer?.header("content-type") == "application/json")
            #expect(answer?.errorMessage?.contains("80 KiB") == true)
            #expect(outcome.closed)
        }
        // Malformed request lines get a JSON 400 as well.
        let socket = try LoopbackSocket(port: server.port)
        try socket.send(Array("NOT HTTP AT ALL\r\n\r\n".utf8))
        let garbage = RawHTTPAnswer(socket.readUntilClosed(timeout: .seconds(5)).bytes)
        #expect(garbage?.status == 400 && garbage?.errorMessage?.isEmpty == false)
        #expect(try await server.client.status().height == 0)
        await server.stop()
    }

    static func startNode(idleTimeout: Duration = NodeServer.defaultIdleTimeout, logger: Logger = quietLogger) async throws -> NodeServer {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let chain = try Chain(genesis: genesis, store: InMemoryChainStore())
        let identity = ValidatorIdentity(key: validatorKeys[0], genesis: genesis)
        let node = try ChainNode(chain: chain, configuration: ChainNode.Configuration(validator: identity, blockInterval: .milliseconds(50)),
                                 logger: logger)
        return try await NodeServer.start(node: node, logger: logger, idleTimeout: idleTimeout)
    }
}

// MARK: - Raw HTTP

/// An HTTP/1.1 answer parsed from raw bytes (status, lowercased headers, body).
struct RawHTTPAnswer {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]

    init?(_ bytes: [UInt8]) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        self.status = status
        var headers = [String: String]()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        self.headers = headers
        body = Array(bytes[(end + separator.count)...])
    }

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var errorMessage: String? {
        (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])?["error"] as? String
    }
}

/// A blocking TCP client socket to a loopback port, for requests no HTTP client would send.
final class LoopbackSocket {
    private var descriptor: Int32

    struct SocketError: Error, CustomStringConvertible {
        var description: String
    }

    init(port: Int) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw SocketError(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw SocketError(description: "connect to port \(port): errno \(code)")
        }
    }

    deinit { close() }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw SocketError(description: "send: errno \(errno)") }
            offset += written
        }
    }

    /// Reads until the server closes the connection or `timeout` passes.
    func readUntilClosed(timeout: Duration) -> (bytes: [UInt8], closed: Bool) {
        let deadline = ContinuousClock.now + timeout
        var received = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return (received, false) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(clamping: left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return (received, false) }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received.append(contentsOf: buffer[..<count])
            } else {
                // 0 is an orderly close; a reset (ECONNRESET) closes too.
                return (received, true)
            }
        }
    }

    func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }
}

// MARK: - Log capture

final class LogRecords: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
    }

    private let records = Mutex<[Record]>([])

    func append(_ record: Record) { records.withLock { $0.append(record) } }
    var all: [Record] { records.withLock { $0 } }
}

struct CapturingLogHandler: LogHandler {
    let records: LogRecords
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        records.append(LogRecords.Record(level: event.level, message: "\(event.message)"))
    }
}
