import Foundation
import Testing
import ZKML
import ZKTestSupport

/// Inputs as users hold them: nested as the tensor's shape, or a batch along a leading dimension
/// in one row; and `infer` refuses what the prover would refuse instead of printing an output no
/// proof could back.
@Suite("Input files as users write them")
struct InputShapeTests {
    static func samples(_ count: Int) throws -> [[Float]] {
        Array(try InputData.load(contentsOf: Workspace.zoo.appendingPathComponent("test.json")).inputData.prefix(count))
    }

    static func json(_ rows: [Any]) throws -> Data { try JSONSerialization.data(withJSONObject: ["input_data": rows]) }

    static func outputs(_ space: Workspace, _ data: Data) throws -> CLIRunner.Result {
        try data.write(to: URL(fileURLWithPath: space.path("in.json")))
        return try space.run(["infer", "m.zkm", "--input", "in.json", "--json", "--quantized"])
    }

    @Test("nested samples and a batch in one row give the same outputs as flat samples")
    func nestedAndBatched() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        let (a, b) = (try Self.samples(2)[0], try Self.samples(2)[1])
        let flat = try Self.outputs(space, Self.json([a, b]))
        #expect(flat.status == 0, "\(flat)")
        let nested = try Self.outputs(space, Self.json([a, b].map { sample in
            stride(from: 0, to: 64, by: 8).map { [Array(sample[$0..<($0 + 8)])] }  // [8][1][8]
        }))
        let batched = try Self.outputs(space, Self.json([a + b]))
        #expect(nested.status == 0 && nested.stdout == flat.stdout, "\(nested)")
        #expect(batched.status == 0 && batched.stdout == flat.stdout, "\(batched)")
        // 65 values are neither one sample nor a batch of them.
        let wrong = try Self.outputs(space, Self.json([a + [0]]))
        #expect(wrong.status == 3 && wrong.stderr.contains("has 65 values") && wrong.stderr.contains("batch"), "\(wrong)")
    }

    @Test("infer refuses an input whose proof the prover would refuse, naming the sample and the layer")
    func inferRefusesUnprovableInput() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        // The first rescale's shift 10 bits too small (its outputs 2^10 times too large, with
        // multipliers the model file still accepts): pre-clamp quotients leave the clamp table's
        // domain on a real sample, as InferenceProofTests shows for the prover.
        let graph = try ONNXImporter.importModel(contentsOf: Workspace.zoo.appendingPathComponent("model.onnx"))
        var model = try Quantizer(graph: graph).quantize(calibration: InputData.load(contentsOf: URL(fileURLWithPath: Workspace.calibration)).inputData)
        guard case let .dense(weights, bias, rescale) = model.layers[0].operation else {
            Issue.record("layer 0 is not dense")
            return
        }
        model.layers[0].operation = .dense(weights: weights, bias: bias,
                                           rescale: Rescale(multipliers: rescale.multipliers, shift: rescale.shift - 10,
                                                            lower: rescale.lower, upper: rescale.upper))
        try Data(CommittedModel(committing: model).encoded()).write(to: URL(fileURLWithPath: space.path("m.zkm")))
        let result = try Self.outputs(space, Self.json([try Self.samples(1)[0]]))
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("sample 0 cannot be proven") && result.stderr.contains("layer 0"), "\(result)")
        #expect(model.firstUnprovableInput([model.quantizeInput(try Self.samples(1)[0])])?.index == 0)
    }
}
