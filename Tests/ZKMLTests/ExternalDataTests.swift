import Foundation
import Testing
import ZKML
import ZKTestSupport

/// ONNX external data (`Tests/Fixtures/external_data/`, written by the onnx package's own
/// writer): the weights beside the model import exactly as embedded ones; a location outside the
/// folder, a missing file, a wrong length or offset is refused with the tensor named.
@Suite("ONNX external tensor data")
struct ExternalDataTests {
    static func url(_ name: String) -> URL { Repository.url("Tests/Fixtures/external_data/\(name).onnx") }

    @Test("weights in a .onnx.data file import exactly as the embedded ones")
    func importsAsEmbedded() throws {
        let external = try ONNXImporter.importModel(contentsOf: Self.url("gemm_external"))
        let embedded = try ONNXImporter.importModel(contentsOf: Repository.url("Tests/Fixtures/onnx/gemm.onnx"))
        #expect(external == embedded)
        // Without a folder (standard input) the importer cannot look for the data, and says so.
        let bytes = try Data(contentsOf: Self.url("gemm_external"))
        let error = #expect(throws: ModelImportError.self) { try ONNXImporter.importModel(bytes: bytes) }
        #expect(error?.description.contains("give the model as a path") == true, "\(String(describing: error))")
    }

    @Test("a location outside the folder, a missing file, a wrong length or offset is refused", arguments: [
        ("bad_parent", "inside the model's folder"), ("bad_absolute", "inside the model's folder"),
        ("bad_missing", "cannot read 'missing.onnx.data'"), ("bad_length", "the shape and type need 2560 bytes"),
        ("bad_offset", "from offset 1000000"),
    ])
    func refused(_ name: String, _ says: String) throws {
        let error = #expect(throws: ModelImportError.self) { try ONNXImporter.importModel(contentsOf: Self.url(name)) }
        guard case let .invalidTensor(tensor, reason)? = error else { Issue.record("\(name): \(String(describing: error))"); return }
        #expect(tensor == "W" && reason.contains("external data") && reason.contains(says), "\(name): \(reason)")
    }
}
