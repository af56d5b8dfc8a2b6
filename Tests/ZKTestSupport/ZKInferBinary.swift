import Foundation

/// The built `zkinfer` executable, for tests that run it as a child process.
///
/// The tests run both as `swift test` in the default `.build` and with `--scratch-path`, so the
/// binary is looked for beside the running test bundle (`CommandLine.arguments[0]`), never at a
/// fixed path.
public enum ZKInferBinary {
    /// Names an explicit binary, tried before the build directories.
    public static let environmentVariable = "ZKINFER_BINARY"

    /// `$ZKINFER_BINARY`, then `zkinfer` in the test bundle's directory and its next three
    /// parents, in that order.
    public static var candidates: [URL] {
        var candidates = [URL]()
        if let path = ProcessInfo.processInfo.environment[environmentVariable] { candidates.append(URL(fileURLWithPath: path)) }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("zkinfer"))
            directory.deleteLastPathComponent()
        }
        return candidates
    }

    /// The first executable candidate (`.build/release/zkinfer` after `swift build -c release`);
    /// nil when there is none.
    public static let url: URL? = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// The first executable candidate on which `zkinfer arguments…` exits 0, e.g.
    /// `["node", "start", "--help"]` for a build that has the node; nil when none does.
    public static func first(accepting arguments: [String]) -> URL? {
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            let probe = Process()
            probe.executableURL = candidate
            probe.arguments = arguments
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return candidate }
        }
        return nil
    }
}
