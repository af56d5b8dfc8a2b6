import Foundation
import ZKChain
import ZKML
import ZKProof

/// Loads the files commands take, turning decoder failures into input errors that name the
/// file, what it should be and what to do. A proof or receipt that has the right magic but does
/// not decode is a rejection (exit 1): the thing under test is bad, not the command line.
enum Loaders {
    static func model(_ path: String) throws(CLIError) -> CommittedModel {
        try model(bytes: CLIFiles.read(path, what: FileKind.model.name), path: path)
    }

    static func model(bytes: [UInt8], path: String) throws(CLIError) -> CommittedModel {
        if bytes.starts(with: QuantizedModel.fileMagic) {
            throw .input("\(displayPath(path)): \(CommittedModel.legacyFileAdvice)")
        }
        try FileKind.require(.model, bytes, path: path, hint: "create one with `zkinfer import`")
        do {
            return try CommittedModel(decoding: bytes)
        } catch {
            throw .input("\(displayPath(path)) is a damaged or incompatible private model (.zkm): \(error.description); "
                         + "re-create it with `zkinfer import`")
        }
    }

    static func descriptor(_ path: String) throws(CLIError) -> ModelDescriptor {
        try descriptor(bytes: CLIFiles.read(path, what: FileKind.descriptor.name), path: path)
    }

    static func descriptor(bytes: [UInt8], path: String) throws(CLIError) -> ModelDescriptor {
        try FileKind.require(.descriptor, bytes, path: path, hint: "create one with `zkinfer commit MODEL.zkm --output M.zkpub`")
        do {
            return try ModelDescriptor(decoding: bytes)
        } catch {
            throw .input("\(displayPath(path)) is a damaged or incompatible model descriptor (.zkpub): \(error.description); "
                         + "ask the model's provider for the file again")
        }
    }

    static func proof(_ path: String) throws(CLIError) -> (proof: InferenceProof, size: Int) {
        try proof(bytes: CLIFiles.read(path, what: FileKind.proof.name), path: path)
    }

    static func proof(bytes: [UInt8], path: String) throws(CLIError) -> (proof: InferenceProof, size: Int) {
        try FileKind.require(.proof, bytes, path: path, hint: "create one with `zkinfer prove`")
        do {
            return (try InferenceProof(decoding: bytes), bytes.count)
        } catch {
            throw .rejected("proof rejected: \(displayPath(path)) is malformed: \(error.description)")
        }
    }

    static func receipt(_ path: String) throws(CLIError) -> ModelReceipt {
        try receipt(bytes: CLIFiles.read(path, what: FileKind.receipt.name), path: path)
    }

    static func receipt(bytes: [UInt8], path: String) throws(CLIError) -> ModelReceipt {
        try FileKind.require(.receipt, bytes, path: path, hint: "fetch one with `zkinfer receipt get`")
        do {
            return try ModelReceipt(decoding: bytes)
        } catch {
            throw .rejected("receipt rejected: \(displayPath(path)) is malformed: \(error.description)")
        }
    }

    static func genesis(_ path: String) throws(CLIError) -> Genesis {
        let bytes = try CLIFiles.read(path, what: "a genesis.json")
        if let kind = FileKind.detect(bytes), kind != .json {
            throw .input("\(displayPath(path)) is \(kind.name), expected the chain's genesis.json")
        }
        do {
            return try Genesis(json: Data(bytes))
        } catch {
            throw .input("\(displayPath(path)) is not a valid genesis file: \(error.description); "
                         + "use the genesis.json written by `zkinfer chain init`")
        }
    }
}
