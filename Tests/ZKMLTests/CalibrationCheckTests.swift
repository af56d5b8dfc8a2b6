import Foundation
import Testing
import ZKML
import ZKTestSupport

/// Calibration sets that cannot give int8 scales are refused with a message that says what is
/// wrong; doubtful ones quantize with a warning.
@Suite("Calibration sanity")
struct CalibrationCheckTests {
    static func quantizer() throws -> (Quantizer, Int) {
        let graph = try ONNXImporter.importModel(contentsOf: Repository.url("Circuits/digits_mlp_small/model.onnx"))
        return (Quantizer(graph: graph), graph.inputShape.reduce(1, *))
    }

    static func refusal(_ samples: [[Float]]) throws -> String? {
        let (quantizer, _) = try quantizer()
        do {
            _ = try quantizer.quantize(calibration: samples)
            return nil
        } catch { return error.description }
    }

    @Test("empty, wrong-sized, non-finite, all-zero and constant sets are refused, saying why")
    func refused() throws {
        let (_, count) = try Self.quantizer()
        let good = (0..<count).map { Float($0 % 17) / 16 }
        let cases: [(samples: [[Float]], says: String)] = [
            ([], "empty"),
            ([good, Array(good.dropLast())], "sample 1 has \(count - 1) values"),
            ([good, good.enumerated().map { $0.offset == 5 ? .nan : $0.element }], "sample 1 has nan at position 5"),
            ([good.enumerated().map { $0.offset == 0 ? .infinity : $0.element }], "sample 0 has inf"),
            ([[Float](repeating: 0, count: count), [Float](repeating: 0, count: count)], "all zero"),
            ([[Float](repeating: 0.5, count: count)], "every calibration value is 0.5"),
        ]
        for (samples, says) in cases {
            let message = try Self.refusal(samples)
            #expect(message?.contains(says) == true, "\(says): \(message ?? "accepted")")
        }
    }

    @Test("identical samples and tensors that stay zero quantize with a warning")
    func warned() throws {
        let (quantizer, count) = try Self.quantizer()
        let sample = (0..<count).map { Float($0 % 17) / 16 }
        let (_, warnings) = try quantizer.quantizeReporting(calibration: [sample, sample, sample])
        #expect(warnings.contains(.identicalSamples(count: 3)))
        let real = try ZooModel(name: "digits_mlp_small").testSamples(4)
        let (_, none) = try quantizer.quantizeReporting(calibration: real)
        #expect(!none.contains(.identicalSamples(count: 4)))
        #expect(none.allSatisfy { if case .degenerateRange = $0 { true } else { false } })
    }
}
