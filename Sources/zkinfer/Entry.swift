import ArgumentParser
import Foundation

/// The process entry point: parses, runs, and maps every failure to one exit code
/// (`CLIError.exitCode`) instead of ArgumentParser's defaults (64 for usage errors, 1 for all
/// others), printing the message as text on standard error, or as JSON with `--json`.
@main
enum Entry {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Decided before parsing so a parse failure is reported as JSON too.
        let json = arguments.contains("--json")
        do {
            try ThreadSetting.check()
            var command = try ZKInfer.parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            finish(with: error, json: json)
        }
    }

    static func finish(with error: any Error, json: Bool) -> Never {
        // Help, --version and explicit exits keep ArgumentParser's behaviour.
        if !(error is CLIError) {
            let code = ZKInfer.exitCode(for: error)
            if code == .success {
                print(ZKInfer.fullMessage(for: error))
                exit(0)
            }
            if ZKInfer.exitCode(for: error) == .validationFailure, !json {
                FileHandle.standardError.write(Data((ZKInfer.fullMessage(for: error) + "\n").utf8))
                exit(CLIError.ExitCode.usage)
            }
        }
        let failure = CLIError.from(error)
        if json {
            try? JSONOutput.print(JSONErrorEnvelope(failure))
        }
        FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
        exit(failure.exitCode)
    }
}
