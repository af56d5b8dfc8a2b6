import Foundation
import ZKML

/// Reads `{"input_data": [[…], …], "labels": […]}` sample files for `infer`, `prove`, `verify`
/// and `import`, checking the structure itself so that every complaint names the file, the
/// sample and the value (a Swift decoding dump would name coding paths and internal types).
/// A sample may be written flat or nested as the tensor's shape (`[[[…]]]`, as exporters and
/// EZKL write them), and one row may hold a batch along a leading dimension (`conform` splits it).
enum InputSamples {
    static let expected = "a samples file {\"input_data\": [[numbers…], …]}"

    static func load(_ path: String) throws(CLIError) -> InputData {
        let bytes = try CLIFiles.read(path, what: expected)
        if let kind = FileKind.detect(bytes), kind != .json {
            throw .input("\(displayPath(path)) is \(kind.name), expected \(expected)")
        }
        guard bytes.count <= InputData.maximumFileBytes else {
            throw .input("\(displayPath(path)) is \(bytes.count) bytes, above the limit of \(InputData.maximumFileBytes) for a samples file")
        }
        return try parse(bytes, source: displayPath(path))
    }

    static func parse(_ bytes: [UInt8], source: String) throws(CLIError) -> InputData {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            if let token = nonFiniteToken(in: bytes) {
                throw .input("\(source): \(token.text) at line \(token.line), column \(token.column) is not a finite number "
                             + "(JSON has no NaN or Infinity); replace it with a finite value")
            }
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw .input("\(source) is not valid JSON\(detail.map { " (\($0))" } ?? ""); expected \(expected)")
        }
        guard let dictionary = object as? [String: Any] else {
            throw .input("\(source): expected a JSON object \(expected), got \(jsonKind(object))")
        }
        guard let rows = dictionary["input_data"] else {
            throw .input("\(source) has no \"input_data\" key; expected \(expected)")
        }
        guard let rowList = rows as? [Any], !rowList.isEmpty else {
            throw .input("\(source): \"input_data\" must be a non-empty array of samples (arrays of numbers)")
        }
        var samples = [[Float]]()
        samples.reserveCapacity(rowList.count)
        for (index, row) in rowList.enumerated() {
            guard row is [Any] else {
                throw .input("\(source): sample \(index) of \"input_data\" is \(jsonKind(row)), expected an array of numbers")
            }
            var sample = [Float]()
            try flatten(row, into: &sample, depth: 0, source: source, sampleIndex: index)
            samples.append(sample)
        }
        var labels: [Int]?
        if let labelList = dictionary["labels"], !(labelList is NSNull) {
            guard let list = labelList as? [Any] else { throw .input("\(source): \"labels\" must be an array of integers") }
            labels = []
            for (index, label) in list.enumerated() {
                guard let number = label as? NSNumber, !isBoolean(number), let value = Int(exactly: number.doubleValue) else {
                    throw .input("\(source): label \(index) is not an integer")
                }
                labels?.append(value)
            }
        }
        return InputData(inputData: samples, labels: labels)
    }

    /// Deepest nesting of a sample (a 4-D tensor plus a batch needs 5).
    static let maximumNesting = 8

    /// Appends the numbers of `value` (a number, or arrays of them nested up to `maximumNesting`).
    private static func flatten(
        _ value: Any, into sample: inout [Float], depth: Int, source: String, sampleIndex index: Int
    ) throws(CLIError) {
        if let values = value as? [Any] {
            guard depth < maximumNesting else {
                throw .input("\(source): sample \(index) nests arrays deeper than \(maximumNesting) levels")
            }
            for element in values { try flatten(element, into: &sample, depth: depth + 1, source: source, sampleIndex: index) }
            return
        }
        let position = sample.count
        guard let number = value as? NSNumber, !isBoolean(number) else {
            throw .input("\(source): sample \(index), value \(position) is \(jsonKind(value)), expected a number")
        }
        let double = number.doubleValue
        guard double.isFinite, abs(double) <= Double(Float.greatestFiniteMagnitude) else {
            throw .input("\(source): sample \(index), value \(position) (\(number)) is not a finite 32-bit number "
                         + "(|x| ≤ 3.4e38); replace it with a finite value")
        }
        sample.append(Float(double))
    }

    /// The samples at the model's input size `count`: a row of k·count values is a batch of k
    /// samples along a leading dimension; any other size is refused. Labels, when given, must
    /// number the samples after that.
    static func conform(_ data: InputData, _ count: Int, source: String) throws(CLIError) -> InputData {
        var samples = [[Float]]()
        for (index, row) in data.inputData.enumerated() {
            guard count > 0, row.count >= count, row.count % count == 0 else {
                throw .input("\(displayPath(source)): sample \(index) has \(row.count) values, the model's input has \(count) "
                             + "(a row may also hold a batch of k samples: k·\(count) values)")
            }
            for start in stride(from: 0, to: row.count, by: count) { samples.append(Array(row[start..<(start + count)])) }
        }
        if let labels = data.labels, labels.count != samples.count {
            throw .input("\(displayPath(source)): \(labels.count) labels for \(samples.count) samples; give one label per sample")
        }
        return InputData(inputData: samples, labels: data.labels)
    }

    /// JSON true/false arrive as NSNumber too; Foundation types them as C `char` ("c"), which
    /// JSON numbers (parsed as Int or Double) never are.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    private static func jsonKind(_ value: Any) -> String {
        switch value {
        case is String: "a string"
        case let number as NSNumber: isBoolean(number) ? "a boolean" : "a number"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case is NSNull: "null"
        default: "not a JSON value"
        }
    }

    /// The first NaN or Infinity literal outside a string, with its 1-based line and column:
    /// the likely reason a Python-written file is not JSON.
    static func nonFiniteToken(in bytes: [UInt8]) -> (text: String, line: Int, column: Int)? {
        let tokens = ["-Infinity", "Infinity", "-NaN", "NaN", "-inf", "inf", "nan"].map { Array($0.utf8) }
        var line = 1, column = 1, inString = false, escaped = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if let token = tokens.first(where: { bytes[index...].starts(with: $0) }) {
                return (String(decoding: token, as: UTF8.self), line, column)
            }
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        return nil
    }
}
