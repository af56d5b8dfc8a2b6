import ArgumentParser
import Foundation
import ZKChain
import ZKML
import ZKProof
import ZKVerify

/// Packs a proof, its model's descriptor and registration receipt into one prediction bundle
/// (.zkr) that a client verifies offline with `zkinfer verify B.zkr --genesis G`.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Pack a proof with its model's descriptor and receipt into one prediction bundle (.zkr).",
        discussion: "Checks that the three belong together (one model ID); the client's verify checks the rest.")

    @Argument(help: "The proof (.zkp).") var proof: String
    @Option(help: "The model's public descriptor (.zkpub).") var model: String
    @Option(help: "The model's registration receipt (zkinfer receipt get).") var receipt: String
    @Option(help: "Where to write the bundle (- for standard output).") var output: String

    func run() throws {
        try CLIFiles.checkSingleStandardInput([proof, model, receipt])
        let proofBytes = try CLIFiles.read(proof, what: FileKind.proof.name)
        let (decoded, _) = try Loaders.proof(bytes: proofBytes, path: proof)
        let descriptorBytes = try CLIFiles.read(model, what: FileKind.descriptor.name)
        let descriptor = try Loaders.descriptor(bytes: descriptorBytes, path: model)
        let receiptBytes = try CLIFiles.read(receipt, what: FileKind.receipt.name)
        let decodedReceipt = try Loaders.receipt(bytes: receiptBytes, path: receipt)
        guard decoded.modelID == descriptor.modelID else {
            throw CLIError.input("\(displayPath(proof)) is a proof for model \(decoded.modelID.hex), "
                                 + "\(displayPath(model)) describes \(descriptor.modelID.hex)")
        }
        guard decodedReceipt.record.modelID == descriptor.modelID else {
            throw CLIError.input("\(displayPath(receipt)) is the receipt of model \(decodedReceipt.record.modelID.hex), "
                                 + "\(displayPath(model)) describes \(descriptor.modelID.hex)")
        }
        let bytes = PredictionBundle(proof: proofBytes, descriptor: descriptorBytes, receipt: receiptBytes).encoded()
        try CLIFiles.write(bytes, to: output, what: "the prediction bundle", notOverwriting: [proof, model, receipt])
        Report(outputIsStandardOutput: output == "-").line(
            "wrote \(output == "-" ? "the bundle to standard output" : displayPath(output)) (\(bytes.count) bytes) for model \(descriptor.modelID.hex)")
    }
}
