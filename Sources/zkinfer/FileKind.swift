import Foundation
import ZKChain
import ZKML
import ZKVerify

/// The kinds of file zkinfer reads, told apart by their first bytes, so that a file given in the
/// wrong place is named for what it is ("this is a model descriptor (.zkpub), expected a proof
/// (.zkp)") instead of failing with a bare magic mismatch.
enum FileKind: Equatable {
    case model, descriptor, proof, receipt, bundle, json, sqlite, onnx

    var name: String {
        switch self {
        case .model: "a private model (.zkm)"
        case .descriptor: "a model descriptor (.zkpub)"
        case .proof: "a proof (.zkp)"
        case .receipt: "a registration receipt"
        case .bundle: "a prediction bundle (.zkr)"
        case .json: "a JSON file"
        case .sqlite: "a SQLite database"
        case .onnx: "an ONNX model"
        }
    }

    /// The binary magic of the kinds that have one.
    var magic: [UInt8]? {
        switch self {
        case .model: CommittedModel.magic
        case .descriptor: ModelDescriptor.magic
        case .proof: InferenceProof.magic
        case .receipt: ModelReceipt.magic
        case .bundle: PredictionBundle.magic
        case .sqlite: Array("SQLite format 3".utf8)
        case .json, .onnx: nil
        }
    }

    /// The kind of the file at `path` by its first bytes; nil for standard input, an unreadable
    /// file or no match. For choosing how to read a file, never instead of checking it.
    static func peek(_ path: String) -> FileKind? {
        guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return detect(Array((try? handle.read(upToCount: 16)) ?? Data()))
    }

    /// The kind `bytes` look like, nil when nothing matches.
    static func detect(_ bytes: [UInt8]) -> FileKind? {
        for kind in [FileKind.model, .descriptor, .proof, .receipt, .bundle, .sqlite] {
            if let magic = kind.magic, bytes.starts(with: magic) { return kind }
        }
        let firstVisible = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        if firstVisible == UInt8(ascii: "{") || firstVisible == UInt8(ascii: "[") { return .json }
        // An ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08.
        if bytes.first == 0x08 { return .onnx }
        return nil
    }

    /// Throws an input error naming what `bytes` are when they do not start with `expected`'s
    /// magic. Decoders still check everything after the magic.
    static func require(_ expected: FileKind, _ bytes: [UInt8], path: String, hint: String? = nil) throws(CLIError) {
        guard let magic = expected.magic, !bytes.starts(with: magic) else { return }
        let what = displayPath(path)
        if bytes.isEmpty { throw .input("\(what) is empty, expected \(expected.name)\(hint.map { ": \($0)" } ?? "")") }
        if let actual = detect(bytes) {
            throw .input("\(what) is \(actual.name), expected \(expected.name): check the order of the arguments")
        }
        throw .input("\(what) is not \(expected.name) (it does not start with \"\(String(decoding: magic, as: UTF8.self))\")"
                     + (hint.map { ": \($0)" } ?? ""))
    }
}
