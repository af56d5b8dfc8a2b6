import Foundation
import Testing
import ZKTestSupport

/// A throwaway PostgreSQL server for the scale-out tests: a fresh cluster (initdb) in a
/// temporary directory, listening on a free loopback port, stopped and deleted by `stop()`.
/// Debian's `postgresql` package provides the binaries (`make test` installs it); as root the
/// server runs as the `postgres` user, as PostgreSQL requires.
final class PostgresTestServer: @unchecked Sendable {
    let directory: URL
    let port: Int
    let binaries: URL
    var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres" }

    static func binaryDirectory() -> URL? {
        let fileManager = FileManager.default
        let versions = (try? fileManager.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.compactMap(Int.init).sorted() ?? []
        for version in versions.reversed() {
            let bin = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
            if fileManager.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) { return bin }
        }
        return nil
    }

    init() throws {
        guard let binaries = Self.binaryDirectory() else {
            Issue.record("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, as `make test` does")
            throw CLITestError("no PostgreSQL")
        }
        self.binaries = binaries
        directory = URL(fileURLWithPath: "/tmp/zkinfer-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if getuid() == 0 {
            try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: directory.path)
        }
        port = try Self.freePort()
        let data = directory.appendingPathComponent("data").path
        try run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"])
        try run("pg_ctl", ["-D", data, "-l", directory.appendingPathComponent("log").path, "-w", "-t", "60",
                           "-o", "-p \(port) -k \(directory.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start"])
    }

    func stop() {
        try? run("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// Runs a PostgreSQL binary (as `postgres` when we are root), failing with its output.
    /// Spawned directly (posix_spawn) with its output in a file: the server that pg_ctl starts
    /// inherits the child's descriptors, and Foundation's Process would wait on them forever.
    private func run(_ tool: String, _ arguments: [String]) throws {
        let binary = binaries.appendingPathComponent(tool).path
        let argv = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", binary] + arguments : [binary] + arguments
        let outputPath = directory.appendingPathComponent("\(tool).out").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw CLITestError("cannot start \(tool): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        guard status == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOf: directory.appendingPathComponent("log"), encoding: .utf8)) ?? ""
            throw CLITestError("\(tool) failed (status \(status)): \(text.suffix(1000)) \(log.suffix(1000))")
        }
    }

    private static func freePort() throws -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard probe >= 0 else { throw CLITestError("no socket") }
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) == 0 && getsockname(probe, $0, &length) == 0 }
        }
        guard bound else { throw CLITestError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
