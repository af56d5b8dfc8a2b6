import Foundation
import Testing
import ZKTestSupport

/// Runs the built `zkinfer` as a child process, as a user or a script would.
enum CLIRunner {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
        var description: String { "exit \(status)\nstdout: \(text.prefix(2000))\nstderr: \(stderr.prefix(2000))" }

        /// Standard output as one JSON object.
        func json(sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
            guard let object = try? JSONSerialization.jsonObject(with: stdout) as? [String: Any] else {
                Issue.record("stdout is not one JSON object: \(self)", sourceLocation: sourceLocation)
                return [:]
            }
            return object
        }
    }

    /// Runs `zkinfer arguments…` in `directory`; fails the test when the binary is missing.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                    environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        guard let binary = ZKInferBinary.url else {
            Issue.record("zkinfer binary not found: build it with `swift build -c release` (or set ZKINFER_BINARY)",
                         sourceLocation: sourceLocation)
            throw CLITestError("no zkinfer binary")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ZKINFER_THREADS")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe(), errors = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = errors.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }
}

struct CLITestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A scratch directory with a small model (digits_mlp_small) imported and committed, an
/// embedded chain and two owner keys, all made through the CLI.
struct Workspace {
    let directory: URL
    static let zoo = Repository.url("Circuits/digits_mlp_small")
    static var calibration: String { zoo.appendingPathComponent("calibration.json").path }
    static var testSet: String { zoo.appendingPathComponent("test.json").path }

    init(chain: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try expectSuccess(["import", Self.zoo.appendingPathComponent("model.onnx").path, "--calibration", Self.calibration,
                           "--output", "m.zkm"])
        try expectSuccess(["commit", "m.zkm", "--output", "m.zkpub"])
        if chain {
            try expectSuccess(["chain", "init", "--data", "chain"])
            try expectSuccess(["keygen", "--output", "alice.json"])
            try expectSuccess(["keygen", "--output", "bob.json"])
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, in: directory, stdin: stdin, environment: environment, sourceLocation: sourceLocation)
    }

    @discardableResult
    func expectSuccess(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIRunner.Result {
        let result = try run(arguments, sourceLocation: sourceLocation)
        guard result.status == 0 else {
            Issue.record("zkinfer \(arguments.joined(separator: " ")) failed: \(result)", sourceLocation: sourceLocation)
            throw CLITestError("setup command failed")
        }
        return result
    }

    /// Writes a samples file with the first `count` test samples.
    func writeSamples(_ name: String, count: Int) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.testSet))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rows = object["input_data"] as? [Any] else { throw CLITestError("test.json has no input_data") }
        let subset = try JSONSerialization.data(withJSONObject: ["input_data": Array(rows.prefix(count))])
        try subset.write(to: directory.appendingPathComponent(name))
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
}

/// A `zkinfer node start` child on a free loopback port, stopped by `stop()`.
final class NodeChild: @unchecked Sendable {
    let process: Process
    let url: String

    init(data: String, genesis: String, key: String, in directory: URL) throws {
        guard let binary = ZKInferBinary.url else {
            Issue.record("zkinfer binary not found: build it with `swift build -c release`")
            throw CLITestError("no zkinfer binary")
        }
        process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = directory
        process.arguments = ["node", "start", "--data", data, "--genesis", genesis, "--key", key, "--listen", "127.0.0.1:0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = output.fileHandleForReading
        let listening = ListeningLine(readingFrom: reader)
        guard let url = listening.url else {
            process.terminate()
            throw CLITestError("node did not start: \(listening.line ?? "no output")")
        }
        self.url = url.absoluteString
        reader.readabilityHandler = { handle in _ = handle.availableData }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}
