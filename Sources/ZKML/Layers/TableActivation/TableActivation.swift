import Foundation

/// An elementwise activation that the circuit proves as an int8 → int8 lookup table: one
/// type per function, holding everything the function needs along the pipeline, namely its ONNX
/// attributes (`init(node:)`), its float reference (`evaluate`) and the scale of its quantized
/// output (`outputScale`). Import, evaluation and quantization are generic over it
/// (`TableActivationImporter`, `ActivationFunction`), and the circuit, the witness and the
/// protocol treat every table alike (`QuantizedOperation.lookup`).
protocol TableActivation: Sendable {
    /// The ONNX `op_type` this activation imports.
    static var opType: String { get }
    /// The ONNX attributes `init(node:)` reads; any other attribute is refused at import.
    static var attributeNames: Set<String> { get }
    /// Reads the node's attributes (already checked against `attributeNames`).
    init(node: ONNXNode) throws(ModelImportError)

    /// The name shown in layer lists and stored with the table in a `.zkm` file.
    var name: String { get }
    /// The values that tell two instances of the type apart (e.g. LeakyRelu's alpha).
    var parameters: [Float] { get }
    /// The float reference, in Double.
    func evaluate(_ x: Double) -> Double
    /// The scale of the table's int8 output, given the scale calibrated for the output tensor
    /// (bounded functions use a fixed scale instead).
    func outputScale(calibrated: Double) -> Double
}

extension TableActivation {
    var parameters: [Float] { [] }

    /// The importer of this activation's ONNX operator.
    static var importer: any ONNXOperatorImporter.Type { TableActivationImporter<Self>.self }

    /// The lookup table indexed by q + 128: the function at q·inputScale, rounded half to even
    /// at `outputScale` and clamped to int8.
    func table(inputScale: Double, outputScale: Double) -> [Int8] {
        (-128...127).map { q -> Int8 in
            let y = evaluate(Double(q) * inputScale)
            return Int8(min(max((y / outputScale).rounded(.toNearestOrEven), -128), 127))
        }
    }
}

/// An attribute-free or attribute-reading activation node with one input, imported through
/// its `TableActivation` type.
enum TableActivationImporter<Activation: TableActivation>: ONNXOperatorImporter {
    static var opType: String { Activation.opType }

    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode {
        try node.rejectUnknownAttributes(Activation.attributeNames)
        let shape = try node.shape(ofInput: 0)  // before inputs[0]: throws when there is no input
        let function = ActivationFunction(try Activation(node: node))
        return .operation(.activation(function), inputs: [node.inputs[0]], outputShape: shape)
    }
}

/// A table activation inside the float graph (`FloatOperation.activation`).
public struct ActivationFunction: Sendable, Equatable, CustomStringConvertible {
    let kind: any TableActivation

    init(_ kind: any TableActivation) { self.kind = kind }

    public var name: String { kind.name }
    public var description: String { kind.parameters.isEmpty ? kind.name : "\(kind.name)(\(kind.parameters.map { "\($0)" }.joined(separator: ", ")))" }

    /// The float reference at `x`.
    public func evaluate(_ x: Double) -> Double { kind.evaluate(x) }

    public static func == (left: ActivationFunction, right: ActivationFunction) -> Bool {
        ObjectIdentifier(type(of: left.kind)) == ObjectIdentifier(type(of: right.kind)) && left.kind.parameters == right.kind.parameters
    }
}
