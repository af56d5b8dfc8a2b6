import Foundation
import Testing
import ZKTestSupport

/// `import` refuses a calibration set that cannot give scales (exit 3, saying why) and warns
/// about a doubtful one (identical samples) on standard error.
@Suite("Calibration sanity at import")
struct CalibrationSanityTests {
    static let onnx = Repository.url("Circuits/digits_mlp_small/model.onnx").path

    static func run(_ space: Workspace, calibration json: String) throws -> CLIRunner.Result {
        try Data(json.utf8).write(to: URL(fileURLWithPath: space.path("cal.json")))
        return try space.run(["import", onnx, "--calibration", "cal.json", "--output", "x.zkm"])
    }

    @Test("all-zero, constant and NaN calibration sets are refused; identical samples are warned about")
    func sanity() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        let zeros = "[" + Array(repeating: "0", count: 64).joined(separator: ",") + "]"
        let halves = "[" + Array(repeating: "0.5", count: 64).joined(separator: ",") + "]"
        let varied = "[" + (0..<64).map { "\(Double($0 % 17) / 16)" }.joined(separator: ",") + "]"
        for (json, says) in [("{\"input_data\": [\(zeros), \(zeros)]}", "all zero"),
                             ("{\"input_data\": [\(halves)]}", "every calibration value is 0.5")] {
            let result = try Self.run(space, calibration: json)
            #expect(result.status == 3 && result.stderr.contains(says), "\(says): \(result)")
        }
        let nan = try Self.run(space, calibration: "{\"input_data\": [[NaN]]}")
        #expect(nan.status == 3, "\(nan)")
        let identical = try Self.run(space, calibration: "{\"input_data\": [\(varied), \(varied)]}")
        #expect(identical.status == 0 && identical.stderr.contains("warning") && identical.stderr.contains("identical"), "\(identical)")
    }
}
