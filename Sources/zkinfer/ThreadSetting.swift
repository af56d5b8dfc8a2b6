import Foundation
import ZKAlgebra

/// `ZKINFER_THREADS` sets the prover's worker count (read once by `Parallel.workerCount`, which
/// falls back silently on a bad value). The CLI checks it first so a typo is never ignored.
enum ThreadSetting {
    static let variable = "ZKINFER_THREADS"

    static func check(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) {
        // Empty counts as unset, as shells make it easy to write `ZKINFER_THREADS= cmd`.
        guard let text = environment[variable], !text.isEmpty else { return }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed), value >= 1 else {
            throw .usage("\(variable)=\(terminalSafe(text)) is not a positive whole number of threads; "
                         + "set it to 1…\(maximum) or unset it to use every core")
        }
        if value > maximum {
            warn("\(variable)=\(value) is above \(maximum); using \(Parallel.workerCount) threads")
        }
    }

    /// The cap `Parallel.workerCount` applies.
    static let maximum = 256
}
