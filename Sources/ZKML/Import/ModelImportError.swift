/// Why a model (ONNX file, calibration set) could not be imported. Every case names the node,
/// operator or tensor involved and what would have been accepted.
public enum ModelImportError: Error, Equatable, CustomStringConvertible {
    case malformedFile(reason: String)
    case fileTooLarge(bytes: Int, limit: Int)
    case unsupportedOpset(version: Int, supported: ClosedRange<Int>)
    case unsupportedOperator(node: String, opType: String, supported: [String])
    case unsupportedAttribute(node: String, opType: String, attribute: String, value: String, supported: String)
    case missingInitializer(node: String, tensor: String)
    case missingTensor(node: String, tensor: String)
    case shapeMismatch(node: String, opType: String, reason: String)
    case cycle(nodes: [String])
    case dimensionsTooLarge(tensor: String, shape: [Int], limit: Int)
    case invalidTensor(tensor: String, reason: String)
    case invalidGraph(reason: String)
    case unsupportedPattern(node: String, reason: String)
    case calibration(String)

    public var description: String {
        switch self {
        case let .malformedFile(reason):
            return "not a valid ONNX model: \(reason)"
        case let .fileTooLarge(bytes, limit):
            return "model file is \(bytes) bytes, above the limit of \(limit)"
        case let .unsupportedOpset(version, supported):
            return "ONNX opset \(version) is not supported (supported: \(supported.lowerBound)–\(supported.upperBound))"
        case let .unsupportedOperator(node, opType, supported):
            return "node '\(node)': operator \(opType) is not supported (supported: \(supported.joined(separator: ", ")))"
        case let .unsupportedAttribute(node, opType, attribute, value, supported):
            return "node '\(node)' (\(opType)): attribute \(attribute) = \(value) is not supported (supported: \(supported))"
        case let .missingInitializer(node, tensor):
            return "node '\(node)': weight tensor '\(tensor)' is not an initializer of the graph"
        case let .missingTensor(node, tensor):
            return "node '\(node)': input '\(tensor)' is produced by no node and is not the graph input"
        case let .shapeMismatch(node, opType, reason):
            return "node '\(node)' (\(opType)): \(reason)"
        case let .cycle(nodes):
            return "the graph has a cycle through \(nodes.joined(separator: ", "))"
        case let .dimensionsTooLarge(tensor, shape, limit):
            return "tensor '\(tensor)' with shape \(shape) exceeds the limit of \(limit) elements"
        case let .invalidTensor(tensor, reason):
            return "tensor '\(tensor)': \(reason)"
        case let .invalidGraph(reason):
            return "invalid graph: \(reason)"
        case let .unsupportedPattern(node, reason):
            return "node '\(node)': \(reason)"
        case let .calibration(reason):
            return "calibration: \(reason)"
        }
    }
}
