import ArgumentParser

struct ZKInfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zkinfer",
        abstract: "Zero-knowledge proofs of quantized neural-network inference.",
        discussion: """
            Exit codes (every command):
              0  success: the proof or receipt is valid, the command did what it was asked
              1  rejected: a proof or receipt failed verification, or the chain refused \
            (a model someone else registered, a revoked model, not the owner)
              2  usage error: bad or inconsistent options
              3  input error: a file is missing, unreadable, malformed or of the wrong kind
              4  chain or network error: node unreachable or failing (5xx), data directory \
            owned by a running node, chain store unusable

            With --json, a command prints one JSON object (snake_case keys) on standard output, \
            and on failure {"error": {"code", "kind", "message"}} with the exit code above. \
            Where a file is read or written, "-" means standard input or output.
            """,
        version: "0.1.0",
        subcommands: [
            Import.self, Inspect.self, Infer.self, Commit.self, Prove.self, Verify.self, BundleCommand.self, ServeCommand.self, ClientCommand.self,
            Keygen.self, ChainCommand.self, Register.self, Revoke.self, ReceiptCommand.self, DatasetCommand.self, NodeCommand.self, Bench.self,
        ]
    )
}
