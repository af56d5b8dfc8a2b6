import OpenAPIRuntime

/// One sample from a request's `input_data`, as EZKL writes it: a flat array of numbers, or the
/// same nested as the tensor's shape, or a one-element list holding either (`[[…]]`).
package enum PredictionInputDecoding {
    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    /// At most this many numbers: far more than any served model takes, small enough that a
    /// hostile request cannot make the flattening allocate much.
    package static let maximumValues = 1 << 20
    static let maximumDepth = 8

    package static func sample(_ data: [OpenAPIValueContainer]) throws(Failure) -> [Float] {
        var values = [Float]()
        for (index, element) in data.enumerated() {
            try flatten(element.value, into: &values, depth: 1, path: "input_data[\(index)]")
        }
        guard !values.isEmpty else { throw Failure(description: "input_data holds no numbers") }
        return values
    }

    private static func flatten(_ value: (any Sendable)?, into values: inout [Float], depth: Int, path: String) throws(Failure) {
        guard depth <= maximumDepth else { throw Failure(description: "\(path): nested deeper than \(maximumDepth) levels") }
        switch value {
        case let number as Double:
            guard number.isFinite, abs(number) <= Double(Float.greatestFiniteMagnitude) else {
                throw Failure(description: "\(path) is not a finite float32 number")
            }
            values.append(Float(number))
        case let number as Int:
            values.append(Float(number))
        case let list as [(any Sendable)?]:
            for (index, element) in list.enumerated() {
                try flatten(element, into: &values, depth: depth + 1, path: "\(path)[\(index)]")
            }
        case is Bool:
            throw Failure(description: "\(path) is a boolean, expected a number")
        case is String:
            throw Failure(description: "\(path) is a string, expected a number")
        case nil:
            throw Failure(description: "\(path) is null, expected a number")
        default:
            throw Failure(description: "\(path) is an object, expected a number or an array")
        }
        guard values.count <= maximumValues else { throw Failure(description: "input_data holds more than \(maximumValues) numbers") }
    }
}
