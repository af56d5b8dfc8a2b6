import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `path` as shown in messages: "standard input"/"standard output" for "-", the path otherwise
/// (escaped, since a file name may hold control characters).
func displayPath(_ path: String) -> String {
    path == "-" ? "standard input" : terminalSafe(path)
}

/// Reading and writing the files a command names, with messages that say which file, what was
/// wrong and what to do (never a Foundation error code). "-" is standard input or output.
enum CLIFiles {
    /// Files above this are refused before reading (the largest legitimate input, a JSON sample
    /// set, is capped at 512 MiB by its decoder).
    static let maximumBytes = 1 << 30

    /// The bytes of `path` ("-": all of standard input). `what` names the expected content.
    static func read(_ path: String, what: String) throws(CLIError) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno
            if reason == ENOENT || reason == ENOTDIR {
                throw .input("\(displayPath(path)) does not exist (expected \(what)): check the path")
            }
            throw .input("cannot read \(displayPath(path)) (expected \(what)): \(String(cString: strerror(reason)))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw .input("\(displayPath(path)) is a directory, expected \(what)")
        }
        guard Int(status.st_size) <= maximumBytes else {
            throw .input("\(displayPath(path)) is \(status.st_size) bytes, above the \(maximumBytes)-byte limit for \(what)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = access(path, R_OK) == 0 ? "it cannot be opened" : String(cString: strerror(errno))
            throw .input("cannot read \(displayPath(path)) (expected \(what)): \(reason); check its permissions")
        }
        defer { try? handle.close() }
        do {
            return Array(try handle.readToEnd() ?? Data())
        } catch {
            throw .input("cannot read \(displayPath(path)) (expected \(what)): the read failed")
        }
    }

    /// Refuses more than one "-" among the inputs (standard input can be read once).
    static func checkSingleStandardInput(_ paths: [String?]) throws(CLIError) {
        if paths.filter({ $0 == "-" }).count > 1 {
            throw .usage("only one input can be read from standard input (\"-\")")
        }
    }

    /// Writes `bytes` to `path` ("-": standard output), replacing it atomically (a temporary
    /// file in the same directory, renamed), with mode 0600 when `private`. Refuses to replace
    /// any of `inputs` (compared after resolving symbolic links), so an output can never
    /// destroy what the command read.
    static func write(_ bytes: [UInt8], to path: String, what: String, private isPrivate: Bool = false,
                      notOverwriting inputs: [String?] = []) throws(CLIError) {
        if path == "-" {
            FileHandle.standardOutput.write(Data(bytes))
            return
        }
        try checkNotAnInput(path, inputs: inputs)
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var status = stat()
        if stat(directory, &status) != 0 || (status.st_mode & S_IFMT) != S_IFDIR {
            throw .input("cannot write \(displayPath(path)): the directory \(terminalSafe(directory)) does not exist; create it first")
        }
        if stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            throw .input("cannot write \(displayPath(path)): it is a directory; give a file name")
        }
        let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, isPrivate ? 0o600 : 0o644)
        guard descriptor >= 0 else {
            throw .input("cannot write \(displayPath(path)) (\(what)): \(String(cString: strerror(errno))); check the directory's permissions")
        }
        var failure: Int32 = 0
        if isPrivate, fchmod(descriptor, 0o600) != 0 { failure = errno }
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while failure == 0, offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno != EINTR { failure = errno }
                } else {
                    offset += written
                }
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw .input("cannot write \(displayPath(path)) (\(what)): \(String(cString: strerror(failure)))")
        }
    }

    /// Throws when `output` names the same file as one of `inputs` (same device and inode,
    /// which covers symbolic and hard links, or the same resolved path).
    static func checkNotAnInput(_ output: String, inputs: [String?]) throws(CLIError) {
        var outputStatus = stat()
        guard stat(output, &outputStatus) == 0 else { return }
        for case let input? in inputs where input != "-" {
            var inputStatus = stat()
            guard stat(input, &inputStatus) == 0 else { continue }
            if inputStatus.st_dev == outputStatus.st_dev && inputStatus.st_ino == outputStatus.st_ino {
                throw .usage("--output \(terminalSafe(output)) is the input \(terminalSafe(input)); refusing to overwrite it: "
                             + "choose another output file")
            }
        }
    }

    /// Whether `path` exists (a dangling symbolic link counts: writing would follow it).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }
}
