import Foundation

/// Machine-readable results (`--json`): one JSON object per command on standard output, keys in
/// snake_case like the node API and sorted, so output can be diffed. Result types spell their
/// keys as snake_case property names.
enum JSONOutput {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// Prints `value` as one line of JSON.
    static func print(_ value: some Encodable) throws(CLIError) {
        do {
            let data = try encoder().encode(value)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } catch {
            throw .input("cannot encode the result as JSON")
        }
    }
}

/// `{"error": {"code", "kind", "message"}}`, printed on standard output with `--json`.
struct JSONErrorEnvelope: Encodable {
    struct Body: Encodable {
        var code: Int32
        var kind: String
        var message: String
    }
    var error: Body

    init(_ error: CLIError) {
        self.error = Body(code: error.exitCode, kind: error.kind, message: error.message)
    }
}

/// Human-readable lines go to standard output, unless standard output carries a binary result
/// (`--output -`): then they go to standard error so they do not corrupt it.
struct Report {
    let toStandardError: Bool

    init(outputIsStandardOutput: Bool = false) { toStandardError = outputIsStandardOutput }

    func line(_ text: String) {
        if toStandardError {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        } else {
            Swift.print(text)
        }
    }
}

/// A warning on standard error (never mixed into `--json` output).
func warn(_ text: String) {
    FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
}

/// An optional JSON field that is written as `null` when absent instead of being left out, so
/// every result of a command has the same keys (scripts can test for null).
@propertyWrapper
struct Nullable<Value: Encodable>: Encodable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
