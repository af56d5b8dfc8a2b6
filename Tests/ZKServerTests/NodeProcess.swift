import Foundation
import Synchronization
import ZKChain
import ZKProof
import ZKTestSupport

/// A `zkinfer node start` child process, for the crash test's real SIGKILL.
final class NodeProcess: @unchecked Sendable {
    let process: Process
    let url: URL
    let logPath: String

    /// The built `zkinfer` beside the test bundle (or `$ZKINFER_BINARY`), if it has `node start`.
    static let binary: URL? = ZKInferBinary.first(accepting: ["node", "start", "--help"])

    /// Starts the node and waits (up to 20 s) for its "listening on URL" line.
    init(binary: URL, arguments: [String], logPath: String) async throws {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try process.run()
        self.process = process
        self.logPath = logPath

        let reader = output.fileHandleForReading
        let listening: ListeningLine = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                // Blocking reads on a dispatch thread, not the cooperative pool.
                continuation.resume(returning: ListeningLine(readingFrom: reader))
            }
        }
        guard let url = listening.url else {
            process.terminate()
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw NodeProcessError("node did not start: \(listening.line ?? "no output"); stderr: \(log.suffix(2000))")
        }
        self.url = url
        // Keep draining stdout so the child never blocks on a full pipe.
        reader.readabilityHandler = { handle in _ = handle.availableData }
    }

    /// SIGKILL: no shutdown code runs.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then wait for the graceful shutdown.
    func terminate() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

struct NodeProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a key in the CLI's key-file format.
func writeKeyFile(_ key: SigningKey, to path: String) throws {
    let object = ["kind": "ed25519", "public_key": key.publicKey.hex, "seed": key.seed.hexString]
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
}
