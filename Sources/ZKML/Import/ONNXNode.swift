/// A graph node as operator importers see it: names, inputs, typed attribute access, and the
/// shapes and constants known so far. Attribute accessors throw typed errors instead of trusting
/// the file.
struct ONNXNode {
    let proto: Onnx_NodeProto
    let context: ImportContext

    var name: String { proto.name.isEmpty ? "\(proto.opType)#\(proto.output.first ?? "?")" : proto.name }
    var opType: String { proto.opType }
    var inputs: [String] { proto.input.filter { !$0.isEmpty } }

    func attribute(_ name: String) -> Onnx_AttributeProto? { proto.attribute.first { $0.name == name } }

    func int(_ name: String, default value: Int) throws(ModelImportError) -> Int {
        guard let attribute = attribute(name) else { return value }
        guard attribute.type == .int || attribute.hasI else { throw unsupported(name, "\(attribute.type)", "an integer") }
        guard let result = Int(exactly: attribute.i) else { throw unsupported(name, "\(attribute.i)", "a 64-bit integer") }
        return result
    }

    func float(_ name: String, default value: Float) -> Float {
        attribute(name)?.f ?? value
    }

    func ints(_ name: String) throws(ModelImportError) -> [Int]? {
        guard let attribute = attribute(name) else { return nil }
        var result = [Int]()
        for value in attribute.ints {
            guard let v = Int(exactly: value), abs(v) < 1 << 20 else { throw unsupported(name, "\(value)", "small integers") }
            result.append(v)
        }
        return result
    }

    func unsupported(_ attribute: String, _ value: String, _ supported: String) -> ModelImportError {
        .unsupportedAttribute(node: name, opType: opType, attribute: attribute, value: value, supported: supported)
    }

    func shapeError(_ reason: String) -> ModelImportError {
        .shapeMismatch(node: name, opType: opType, reason: reason)
    }

    /// The shape of input `index` (a graph tensor or an initializer).
    func shape(ofInput index: Int) throws(ModelImportError) -> [Int] {
        guard index < inputs.count else { throw shapeError("expects at least \(index + 1) inputs, has \(inputs.count)") }
        let input = inputs[index]
        if let shape = context.shapes[input] { return shape }
        if let constant = context.initializers[input] { return constant.shape }
        throw .missingTensor(node: name, tensor: input)
    }

    /// Input `index` as a constant (initializer) tensor.
    func constant(_ index: Int) throws(ModelImportError) -> Tensor<Float> {
        guard index < inputs.count else { throw shapeError("expects at least \(index + 1) inputs, has \(inputs.count)") }
        guard let tensor = context.initializers[inputs[index]] else {
            throw .missingInitializer(node: name, tensor: inputs[index])
        }
        return tensor
    }

    func isConstant(_ index: Int) -> Bool { index < inputs.count && context.initializers[inputs[index]] != nil }

    /// Attributes outside `known` are rejected rather than silently ignored.
    func rejectUnknownAttributes(_ known: Set<String>) throws(ModelImportError) {
        for attribute in proto.attribute where !known.contains(attribute.name) {
            throw unsupported(attribute.name, "present", "only \(known.sorted().joined(separator: ", "))")
        }
    }
}

/// What import knows while walking the graph in topological order.
struct ImportContext {
    var opset: Int
    var initializers: [String: Tensor<Float>]
    /// Shapes of the graph input and of every imported node output.
    var shapes: [String: [Int]] = [:]
    /// Integer initializers (Reshape targets).
    var integerInitializers: [String: [Int]]
    /// Decodes tensors stored in nodes (Constant).
    var decoder: TensorDecoder
}

/// What an operator importer turns a node into.
enum ImportedNode {
    case operation(FloatOperation, inputs: [String], outputShape: [Int])
    /// Identity, Dropout: the output is another name for the input.
    case alias(of: String)
    /// A Softmax, accepted only as the graph's last node.
    case softmax(of: String)
    /// Add of a constant to an activation: becomes the bias of the layer producing it.
    case biasAdd(of: String, bias: Tensor<Float>)
    /// A Constant node: its output is one more initializer (float32, or int64 for shapes).
    case constant(ConstantValue)
    /// One operation per output of the node, each reading `input` (Split).
    case split([(operation: FloatOperation, outputShape: [Int])], input: String)
    /// Several operations standing for one node (the last produces the node's output).
    case subgraph([FloatNode])
}

/// The value of an initializer or a Constant node.
enum ConstantValue {
    case floats(Tensor<Float>)
    case integers([Int])
}

/// One ONNX op_type.
protocol ONNXOperatorImporter: SendableMetatype {
    static var opType: String { get }
    static func importNode(_ node: ONNXNode) throws(ModelImportError) -> ImportedNode
}
