import ArgumentParser
import Foundation
import ZKChain
import ZKProof
import ZKServer

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Registration receipts for offline verification.", subcommands: [Get.self, Check.self])

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the receipt of a model's registration as of the chain's tip.")

        @Argument(help: "The model ID (hex); or give --model.") var modelID: String?
        @Option(help: "The model's descriptor (.zkpub), instead of its ID.") var model: String?
        @Option(help: "Where to write the receipt (- for standard output).") var output: String
        @OptionGroup var location: ChainLocation
        @Flag(help: "Print {\"model_id\", \"output\", \"bytes\", \"as_of_height\", \"as_of_time\"}.") var json = false

        func validate() throws {
            if json && output == "-" { throw ValidationError("--json and --output - would both write to standard output") }
            if modelID != nil && model != nil { throw ValidationError("give the model ID or --model, not both") }
        }

        func run() async throws {
            let id = try resolveModelID(modelID, descriptor: model)
            let receipt: ModelReceipt
            if let client = try location.client() {
                do { receipt = try await client.receipt(for: id) } catch {
                    if error.status == 404 { throw CLIError.rejected("model \(id.hex) is not registered on the node's chain") }
                    throw CLIError.fromNode(error, url: client.baseURL)
                }
            } else {
                let embedded = try location.embeddedForReading()
                guard embedded.chain.state.models[id] != nil else {
                    throw CLIError.rejected("model \(id.hex) is not registered on the chain in \(displayPath(embedded.directory.path))")
                }
                do { receipt = try embedded.chain.receipt(for: id) } catch { throw CLIError.from(error) }
            }
            let bytes = receipt.encoded()
            try CLIFiles.write(bytes, to: output, what: "the receipt", notOverwriting: [model])
            if json {
                struct Result: Encodable { var model_id: String; var output: String; var bytes: Int; var as_of_height: UInt64; var as_of_time: String }
                try JSONOutput.print(Result(model_id: id.hex, output: output, bytes: bytes.count, as_of_height: receipt.latestHeader.height,
                                            as_of_time: iso8601(receipt.latestHeader.timestamp)))
                return
            }
            Report(outputIsStandardOutput: output == "-").line(
                "wrote \(output == "-" ? "the receipt to standard output" : displayPath(output)) (\(bytes.count) bytes), "
                + "as of block \(receipt.latestHeader.height) (time \(iso8601(receipt.latestHeader.timestamp)))")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Check a receipt offline against a genesis.",
            discussion: """
                Prints the model's registration and its status as of the receipt's latest signed header \
                (block and time, ISO 8601 UTC). A revoked model, a receipt that does not verify, or one \
                older than --max-age exits 1. With --node URL a fresh receipt is fetched from the node \
                (give --model or --model-id) instead of reading the file (a file argument is then not \
                read); it is verified against the genesis the same way.
                """)

        @Argument(help: "The receipt file (- for standard input); not read with --node.") var receipt: String?
        @Option(help: "The chain's genesis.json.") var genesis: String
        @Option(help: "Fail a receipt whose latest header is older than this: 90s, 15m, 24h, 7d.") var maxAge: MaxAge?
        @Option(help: "Fetch a fresh receipt from this node instead of reading a file.") var node: String?
        @Option(help: "The model's descriptor (.zkpub): check the receipt is this model's (with --node: which model).")
        var model: String?
        @Option(help: "The model ID (hex), instead of --model.") var modelID: String?
        @Flag(help: """
            Print {"valid", "model_id", "name", "version", "owner", "registered_at", "revoked_at", "as_of_height", \
            "as_of_time", "age_s", "source"}.
            """) var json = false

        func validate() throws {
            if receipt == nil && node == nil { throw ValidationError("give a receipt file, or --node URL to fetch a fresh receipt") }
            if model != nil && modelID != nil { throw ValidationError("give --model or --model-id, not both") }
        }

        func run() async throws {
            try CLIFiles.checkSingleStandardInput([node == nil ? receipt : nil, genesis, model])
            let id: Digest? = (model != nil || modelID != nil) ? try resolveModelID(modelID, descriptor: model) : nil
            let check = try await ReceiptCheck.load(path: receipt, node: node, modelID: id, genesisPath: genesis)
            let record = check.record
            if json {
                try check.judge(maxAge: maxAge)
                try JSONOutput.print(check.json)
                return
            }
            print("model \(record.modelID.hex) (\(terminalSafe(record.name)) \(terminalSafe(record.version))) registered at block "
                  + "\(record.registeredAt) by \(record.owner.hex)")
            try check.judge(maxAge: maxAge)
            print("receipt valid: registered and not revoked \(check.asOfText)")
        }
    }
}
