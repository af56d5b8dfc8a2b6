/// Why a command failed, with the category that decides the process's exit code. Every
/// user-facing failure becomes one of these before it is printed (`CLIError.from(_:)`), so the
/// mapping from category to exit code lives in one place (`exitCode`).
enum CLIError: Error, CustomStringConvertible {
    /// A proof, receipt or chain operation was checked and refused (exit 1).
    case rejected(String)
    /// The command line asks for something inconsistent or impossible (exit 2).
    case usage(String)
    /// A file is missing, unreadable, malformed or of the wrong kind (exit 3).
    case input(String)
    /// The chain, a node or a proving service could not be used: unreachable, 5xx, locked, corrupt (exit 4).
    case chain(String)

    /// Exit codes, documented in `zkinfer --help` and the README.
    enum ExitCode {
        static let success: Int32 = 0
        static let rejected: Int32 = 1
        static let usage: Int32 = 2
        static let input: Int32 = 3
        static let chain: Int32 = 4
    }

    var exitCode: Int32 {
        switch self {
        case .rejected: ExitCode.rejected
        case .usage: ExitCode.usage
        case .input: ExitCode.input
        case .chain: ExitCode.chain
        }
    }

    /// The `kind` of the JSON error object.
    var kind: String {
        switch self {
        case .rejected: "rejected"
        case .usage: "usage"
        case .input: "input"
        case .chain: "chain"
        }
    }

    var message: String {
        switch self {
        case let .rejected(message), let .usage(message), let .input(message), let .chain(message): message
        }
    }

    var description: String { message }
}
