import Foundation
import Testing
import ZKTestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `zkinfer serve` child on a free loopback port, with its later output collected, plus a
/// plain HTTP client (URLSession, not the generated client) for the tests to speak to it.
final class ServeChild: @unchecked Sendable {
    let process: Process
    let url: String
    private let lock = NSLock()
    private var collected = Data()

    init(_ arguments: [String], in directory: URL) throws {
        guard let binary = ZKInferBinary.url else {
            Issue.record("zkinfer binary not found: build it with `swift build -c release`")
            throw CLITestError("no zkinfer binary")
        }
        process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = directory
        process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let listening = ListeningLine(readingFrom: reader)
        guard let url = listening.url else {
            process.terminate()
            throw CLITestError("serve did not start: \(listening.line ?? "no output")")
        }
        self.url = url.absoluteString
        reader.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.withLock { self.collected.append(chunk) }
        }
    }

    /// Output after the listening line.
    var output: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    /// The child's peak resident set (VmHWM), in bytes.
    var peakResidentBytes: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return nil }
        return kilobytes * 1024
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits up to `timeout` seconds for the child to exit; its status, or nil if it still runs.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    // MARK: HTTP

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    func request(_ method: String, _ path: String, body: Data? = nil, contentType: String = "application/json") async throws -> Answer {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let body {
            request.httpBody = body
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw CLITestError("not an HTTP answer") }
        var headers = [String: String]()
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: headers, body: data)
    }

    func get(_ path: String) async throws -> Answer { try await request("GET", path) }

    func post(_ path: String, _ text: String) async throws -> Answer { try await request("POST", path, body: Data(text.utf8)) }
}
