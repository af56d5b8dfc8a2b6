import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One owner at a time for a chain data directory: an exclusive `flock(2)` on `DIR/LOCK`, held
/// for as long as this object lives (the kernel drops it when the process dies, even on
/// SIGKILL). The holder writes a description into the file ("node pid 1234
/// http://127.0.0.1:8601", "cli pid 99") so that whoever is refused can be told who holds it.
///
/// A node holds its directory for its lifetime and never waits. CLI writers wait for one
/// another (each holds the lock for one short transaction), but refuse at once a directory a
/// node owns: two processes appending blocks to one store would fork it.
final class DataDirectoryLock: Sendable {
    private let descriptor: Int32
    let path: String

    enum Holder: Equatable {
        case node(pid: Int32, url: String?)
        case cli(pid: Int32)
        case unknown(String)

        init(description: String) {
            let words = description.split(separator: " ").map(String.init)
            if words.count >= 3, words[1] == "pid", let pid = Int32(words[2]) {
                if words[0] == "node" { self = .node(pid: pid, url: words.count >= 4 ? words[3] : nil); return }
                if words[0] == "cli" { self = .cli(pid: pid); return }
            }
            self = .unknown(description)
        }

        var text: String {
            switch self {
            case let .node(pid, url): "a node (pid \(pid)\(url.map { ", \($0)" } ?? ""))"
            case let .cli(pid): "another zkinfer command (pid \(pid))"
            case let .unknown(description): description.isEmpty ? "another process" : terminalSafe(description)
            }
        }
    }

    /// The lock for a node: taken at once or not at all.
    static func forNode(directory: String, url: String) throws(CLIError) -> DataDirectoryLock {
        let file = try LockFile(directory: directory)
        guard let lock = file.tryLock(description: "node pid \(getpid()) \(url)") else {
            throw .chain("\(displayPath(directory)) is in use by \(file.holder().text): a data directory has one owner at a time; "
                         + "stop it first or give this node another --data directory")
        }
        return lock
    }

    /// The lock for a CLI command that writes the embedded chain: waits up to `timeout` for
    /// other CLI writers, refuses at once when a node holds the directory.
    static func forWriter(directory: String, timeout: Duration = .seconds(30)) throws(CLIError) -> DataDirectoryLock {
        let file = try LockFile(directory: directory)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let lock = file.tryLock(description: "cli pid \(getpid())") { return lock }
            let holder = file.holder()
            if case let .node(pid, url) = holder, kill(pid, 0) == 0 || errno == EPERM {
                throw .chain("\(displayPath(directory)) is owned by a running node (pid \(pid)); "
                             + "pass --node \(url.map(terminalSafe) ?? "URL") instead of --data \(displayPath(directory))")
            }
            if clock.now >= deadline {
                throw .chain("\(displayPath(directory)) is still locked by \(holder.text) after \(timeout); try again later")
            }
            usleep(50_000)
        }
    }

    /// The open LOCK file before it is locked. It closes its descriptor unless a lock took it
    /// over, and never writes: only a holder writes the description.
    private final class LockFile {
        let path: String
        var descriptor: Int32

        init(directory: String) throws(CLIError) {
            path = URL(fileURLWithPath: directory).appendingPathComponent("LOCK").path
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                let reason = errno
                if reason == ENOENT {
                    throw .input("\(displayPath(directory)) does not exist: create the chain with "
                                 + "`zkinfer chain init --data \(displayPath(directory))`")
                }
                throw .input("cannot open \(displayPath(path)): \(String(cString: strerror(reason)))")
            }
        }

        deinit { if descriptor >= 0 { close(descriptor) } }

        /// The held lock, with `description` written, or nil when another process holds it.
        func tryLock(description: String) -> DataDirectoryLock? {
            while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                if errno != EINTR { return nil }
            }
            let lock = DataDirectoryLock(descriptor: descriptor, path: path)
            descriptor = -1
            lock.describe(description)
            return lock
        }

        /// Who holds the lock, from the file's description (it may be empty for a moment while
        /// a new holder writes it).
        func holder() -> Holder {
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
            let text = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
            return Holder(description: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        // Clear the description first so a later reader never sees a stale holder, then unlock.
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// Replaces the holder description (a node learns its URL only once it is listening).
    func describe(_ description: String) {
        let bytes = Array((description + "\n").utf8)
        _ = ftruncate(descriptor, 0)
        _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }
}
