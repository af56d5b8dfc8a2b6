import Foundation
import Testing
import ZKML
import ZKTestSupport

/// A model the prover cannot prove is refused where it enters: `import` (before writing a model
/// file), `commit` (before writing a descriptor) and `register` (before anything touches the
/// chain), each naming the node, its operator and the reason, and exiting 3 (input error).
/// The fixture is a grouped convolution with 3 channels per group: it imports and quantizes, but
/// the proof indexes a channel as (group, channel within the group), in powers of two.
@Suite("Provability is checked at import, commit and register")
struct ProvabilityTests {
    static let fixture = "conv_group_3_per_group"
    static var onnx: URL { Repository.url("Tests/Fixtures/onnx/\(fixture).onnx") }

    /// The fixture's reference inputs as a calibration file.
    static func calibration() throws -> Data {
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.url("Tests/Fixtures/onnx/reference.json")))
        let entry = try #require((reference as? [String: Any])?[fixture] as? [String: Any])
        return try JSONSerialization.data(withJSONObject: ["input_data": try #require(entry["inputs"])])
    }

    static func expectRefusal(_ result: CLIRunner.Result, _ verb: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 3, "\(result)", sourceLocation: sourceLocation)
        for part in [verb, "GroupedConv", "cannot be proven", "power-of-two number of input and output channels per group"] {
            #expect(result.stderr.contains(part), "missing '\(part)': \(result)", sourceLocation: sourceLocation)
        }
    }

    @Test("import refuses the model and writes nothing")
    func importRefuses() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        try Self.calibration().write(to: URL(fileURLWithPath: space.path("cal.json")))
        let result = try space.run(["import", Self.onnx.path, "--calibration", "cal.json", "--output", "grouped.zkm"])
        Self.expectRefusal(result, "cannot import")
        #expect(!FileManager.default.fileExists(atPath: space.path("grouped.zkm")))
    }

    @Test("commit and register refuse such a model made by other means (an older zkinfer, a library caller)")
    func commitAndRegisterRefuse() throws {
        let space = try Workspace(chain: true)
        defer { space.remove() }
        let graph = try ONNXImporter.importModel(contentsOf: Self.onnx)
        let samples = try InputData.decode(Self.calibration())
        let model = try Quantizer(graph: graph).quantize(calibration: samples.inputData)
        let committed = CommittedModel(committing: model)
        try Data(committed.encoded()).write(to: URL(fileURLWithPath: space.path("grouped.zkm")))
        try Data(committed.descriptor.encoded()).write(to: URL(fileURLWithPath: space.path("grouped.zkpub")))

        Self.expectRefusal(try space.run(["commit", "grouped.zkm", "--output", "out.zkpub"]), "will not commit")
        #expect(!FileManager.default.fileExists(atPath: space.path("out.zkpub")))
        Self.expectRefusal(try space.run(["register", "grouped.zkpub", "--key", "alice.json", "--data", "chain"]), "will not register")
        // The chain is untouched: the model is not registered.
        let receipt = try space.run(["receipt", "get", "--model", "grouped.zkpub", "--data", "chain", "--output", "r.receipt"])
        #expect(receipt.status != 0, "\(receipt)")
    }
}
