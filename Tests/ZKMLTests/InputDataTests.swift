import Foundation
import Testing
import ZKML
import ZKTestSupport

/// EZKL-style input JSON: accepted as documented, every malformed file a typed `InputDataError`.
@Suite("Input JSON")
struct InputDataTests {
    func decode(_ json: String) throws(InputDataError) -> InputData {
        try InputData.decode(Data(json.utf8), source: "test.json")
    }

    func reason(_ json: String) -> String? {
        let error = #expect(throws: InputDataError.self, "\(json)") { try decode(json) }
        guard case let .invalid(source, reason)? = error else {
            Issue.record("expected .invalid, got \(String(describing: error))")
            return nil
        }
        #expect(source == "test.json")
        return reason
    }

    @Test("the EZKL format, with and without labels")
    func acceptsEZKLFormat() throws {
        let plain = try decode(#"{"input_data": [[1, 2.5, -0.03125, 1e-3], [0, 0, 0, 0]]}"#)
        #expect(plain == InputData(inputData: [[1, 2.5, -0.03125, 0.001], [0, 0, 0, 0]]))
        #expect(plain.labels == nil)
        let labelled = try decode(#"{"labels": [3], "input_data": [[0.5]], "comment": "extra keys are ignored"}"#)
        #expect(labelled == InputData(inputData: [[0.5]], labels: [3]))
        try labelled.checkSampleSize(1)
    }

    @Test("the committed calibration and test sets load", arguments: ZooModel.all)
    func committedFilesLoad(_ zoo: ZooModel) throws {
        let calibration = try InputData.load(contentsOf: zoo.calibrationURL)
        #expect(calibration.labels == nil)
        let testSet = try InputData.load(contentsOf: zoo.testSetURL)
        #expect(testSet.labels?.count == testSet.inputData.count)
        let vectors = try zoo.vectors()
        let width = vectors.inputShape.reduce(1, *)
        try calibration.checkSampleSize(width)
        try testSet.checkSampleSize(width)
        // Vectors/zoo holds the first 20 samples of test.json.
        #expect(Array(testSet.inputData.prefix(20)) == vectors.inputs)
        #expect(Array(testSet.labels?.prefix(20) ?? []) == vectors.labels)
    }

    @Test("malformed JSON", arguments: [
        #"{"input_data": [[1, 2]"#, "", "[]", "null", #"{"inputs": [[1]]}"#, #"{"input_data": [1, 2]}"#,
        #"{"input_data": [["1"]]}"#, #"{"input_data": [[1]], "labels": ["a"]}"#, #"{"input_data": [[true]]}"#,
        #"{"input_data": [[NaN]]}"#, #"{"input_data": [[1]]} trailing"#,
    ])
    func rejectsMalformedJSON(_ json: String) {
        let reason = reason(json)
        #expect(reason?.contains("expected {\"input_data\"") == true, "\(reason ?? "")")
    }

    @Test("an empty input_data")
    func rejectsEmptyInputData() {
        #expect(reason(#"{"input_data": []}"#) == "input_data is empty")
    }

    @Test("a label count that differs from the sample count")
    func rejectsLabelCountMismatch() {
        #expect(reason(#"{"input_data": [[1], [2]], "labels": [0]}"#) == "1 labels for 2 samples")
        #expect(reason(#"{"input_data": [[1]], "labels": [0, 1]}"#) == "2 labels for 1 samples")
    }

    @Test("values that are not finite float32 numbers")
    func rejectsNonFiniteValues() {
        // JSON has no NaN or infinity literal; a number beyond float32's range is how a
        // non-finite value arrives. Either the JSON decoder or the finiteness check rejects it.
        for json in [#"{"input_data": [[0, 1e39]]}"#, #"{"input_data": [[0], [-3.5e38]]}"#, #"{"input_data": [[1e400]]}"#] {
            let reason = reason(json) ?? ""
            #expect(reason.contains("non-finite") || reason.contains("expected {\"input_data\""), "\(json): \(reason)")
        }
    }

    @Test("checkSampleSize names the first sample of the wrong length")
    func rejectsWrongSampleSize() throws {
        let data = try decode(#"{"input_data": [[1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4, 5]]}"#)
        #expect(throws: InputDataError.invalid(source: "calibration.json", reason: "sample 1 has 3 values, the model input has 4")) {
            try data.checkSampleSize(4, source: "calibration.json")
        }
        #expect(throws: InputDataError.invalid(source: "input", reason: "sample 0 has 4 values, the model input has 3")) {
            try data.checkSampleSize(3)
        }
    }

    @Test("a missing file → unreadable")
    func missingFile() {
        let url = Repository.url("Circuits/no_such_model/calibration.json")
        #expect(throws: InputDataError.unreadable(path: url.path)) { try InputData.load(contentsOf: url) }
    }
}
