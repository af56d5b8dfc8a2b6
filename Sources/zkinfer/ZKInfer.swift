import ArgumentParser

@main
struct ZKInfer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zkinfer",
        abstract: "Zero-knowledge proofs of quantized neural-network inference.",
        version: "0.1.0",
        subcommands: [
            Import.self, Inspect.self, Infer.self, Commit.self, Prove.self, Verify.self,
            Keygen.self, ChainCommand.self, Register.self, Revoke.self, ReceiptCommand.self, NodeCommand.self, Bench.self,
        ]
    )
}
