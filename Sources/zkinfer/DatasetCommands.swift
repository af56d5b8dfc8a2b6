import ArgumentParser
import Foundation
import ZKChain
import ZKProof

/// Dataset provenance: a samples file's identity is the Merkle root over its samples
/// (`DatasetCommitment`); registering records the root, the sample count and a name on the chain,
/// and a receipt lets anyone holding the file check offline that it is the registered one.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset", abstract: "Register datasets on the chain and check them offline.",
        subcommands: [Root.self, RegisterDataset.self, Receipt.self, Check.self])

    /// The file's samples and their Merkle root.
    static func commitment(_ path: String) throws(CLIError) -> (root: Digest, size: Int) {
        let samples = try InputSamples.load(path).inputData
        guard !samples.isEmpty else { throw .input("\(displayPath(path)) holds no samples; a dataset needs at least one") }
        return (DatasetCommitment.root(of: samples), samples.count)
    }

    struct Root: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a samples file's Merkle root and sample count.")
        @Argument(help: "The samples file ({\"input_data\": [[…], …]}; - for standard input).") var data: String
        @Flag(help: "Print {\"merkle_root\", \"size\"}.") var json = false

        func run() throws {
            let (root, size) = try DatasetCommand.commitment(data)
            if json {
                struct Result: Encodable { var merkle_root: String; var size: Int }
                try JSONOutput.print(Result(merkle_root: root.hex, size: size))
            } else {
                print("dataset \(root.hex) (\(size) samples)")
            }
        }
    }

    struct RegisterDataset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register", abstract: "Register a samples file's Merkle root, size and name on the chain.")
        @Argument(help: "The samples file.") var samples: String
        @Option(help: "The owner's key file.") var key: String
        @Option(help: "A name for the dataset (default: the file's name).") var name: String?
        @OptionGroup var location: ChainLocation
        @Flag(help: "Print {\"merkle_root\", \"size\", \"name\", \"height\", \"transaction_id\"}.") var json = false

        func run() async throws {
            let (root, size) = try DatasetCommand.commitment(samples)
            let owner = try KeyFile.load(key)
            let datasetName = name ?? (samples == "-" ? "dataset" : URL(fileURLWithPath: samples).deletingPathExtension().lastPathComponent)
            let body = TransactionBody.registerDataset(merkleRoot: root, size: UInt64(size), name: datasetName)
            let submitted: (transaction: Transaction, height: UInt64)
            if let client = try location.client() {
                submitted = try await ChainLocation.submit(body, owner: owner, client: client)
            } else {
                let (embedded, lock) = try location.embeddedForWriting()
                defer { withExtendedLifetime(lock) {} }
                if let existing = embedded.chain.state.datasets[root] {
                    throw CLIError.rejected("dataset \(root.hex) is already registered (block \(existing.registeredAt), name "
                                            + "'\(terminalSafe(existing.name))'); its receipt: zkinfer dataset receipt")
                }
                submitted = try embedded.submit(body, owner: owner)
            }
            if json {
                struct Result: Encodable { var merkle_root: String; var size: Int; var name: String; var height: UInt64; var transaction_id: String }
                try JSONOutput.print(Result(merkle_root: root.hex, size: size, name: datasetName, height: submitted.height,
                                            transaction_id: submitted.transaction.id.hex))
            } else {
                print("registered dataset \(root.hex) (\(size) samples, '\(terminalSafe(datasetName))') in block \(submitted.height) "
                      + "(transaction \(submitted.transaction.id.hex))")
            }
        }
    }

    struct Receipt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the receipt of a dataset's registration (from an embedded chain, --data DIR).")
        @Argument(help: "The samples file (or give --root).") var samples: String?
        @Option(help: "The dataset's Merkle root (hex), instead of the file.") var root: String?
        @Option(help: "Where to write the receipt (- for standard output).") var output: String
        @OptionGroup var location: ChainLocation

        func validate() throws {
            if (samples == nil) == (root == nil) { throw ValidationError("give the samples file or --root, one of them") }
        }

        func run() throws {
            if location.node != nil {
                throw CLIError.input("dataset receipts are read from an embedded chain: give --data DIR (a node does not serve them yet)")
            }
            let merkleRoot: Digest
            if let root {
                guard let digest = Digest(hex: root) else { throw CLIError.input("--root \(terminalSafe(root)) is not 64 hex digits") }
                merkleRoot = digest
            } else {
                merkleRoot = try DatasetCommand.commitment(samples ?? "-").root
            }
            let embedded = try location.embeddedForReading()
            let receipt: DatasetReceipt
            do { receipt = try embedded.chain.datasetReceipt(for: merkleRoot) } catch {
                if case .unknownDataset = error {
                    throw CLIError.rejected("dataset \(merkleRoot.hex) is not registered on the chain in \(displayPath(embedded.directory.path))")
                }
                throw CLIError.from(error)
            }
            let bytes = receipt.encoded()
            try CLIFiles.write(bytes, to: output, what: "the dataset receipt", notOverwriting: [samples].compactMap { $0 })
            Report(outputIsStandardOutput: output == "-").line(
                "wrote \(output == "-" ? "the dataset receipt to standard output" : displayPath(output)) (\(bytes.count) bytes), "
                + "registered in block \(receipt.header.height)")
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Check offline that a samples file is the dataset a receipt registers.",
            discussion: "Exits 1 when the receipt does not verify against the genesis or the file's samples are not the registered ones.")
        @Argument(help: "The samples file.") var samples: String
        @Option(help: "The dataset's receipt.") var receipt: String
        @Option(help: "The chain's genesis.json.") var genesis: String
        @Flag(help: "Print {\"merkle_root\", \"size\", \"name\", \"owner\", \"height\", \"time\"}.") var json = false

        func run() throws {
            let bytes = try CLIFiles.read(receipt, what: "a dataset receipt (.receipt from zkinfer dataset receipt)")
            let decoded: DatasetReceipt
            do { decoded = try DatasetReceipt(decoding: bytes) } catch {
                throw CLIError.input("\(displayPath(receipt)) is not a dataset receipt: \(terminalSafe(error.description))")
            }
            let chainGenesis = try Loaders.genesis(genesis)
            let record: DatasetRecord
            do { record = try decoded.verify(genesis: chainGenesis) } catch { throw CLIError.from(error) }
            let (root, size) = try DatasetCommand.commitment(samples)
            guard root == record.merkleRoot, UInt64(size) == record.size else {
                throw CLIError.rejected("\(displayPath(samples)) is not the registered dataset: its root is \(root.hex) (\(size) samples), "
                                        + "the receipt registers \(record.merkleRoot.hex) (\(record.size) samples)")
            }
            let time = iso8601(decoded.header.timestamp)
            if json {
                struct Result: Encodable { var merkle_root: String; var size: UInt64; var name: String; var owner: String; var height: UInt64; var time: String }
                try JSONOutput.print(Result(merkle_root: root.hex, size: record.size, name: record.name, owner: record.owner.hex,
                                            height: record.registeredAt, time: time))
            } else {
                print("dataset \(root.hex) ('\(terminalSafe(record.name))', \(record.size) samples) registered by \(record.owner.hex) "
                      + "in block \(record.registeredAt) (\(time)): the file matches")
            }
        }
    }
}
