import Foundation
import SwiftProtobuf

/// Reads an ONNX model (opsets 11–28) into a `FloatGraph`, dispatching each node on its
/// `op_type` to one small importer type. The file is untrusted: sizes are capped before anything
/// is allocated, and every problem is a `ModelImportError` naming the node and what is supported.
public enum ONNXImporter {
    /// 28 is the newest opset of onnx 1.23. From 19 to 28 the operators imported here changed
    /// only in the element types they allow (bfloat16, float8, int4 …), never in attributes,
    /// inputs or float32 semantics (`Tests/Fixtures/onnx/opset_changes.py` prints the comparison);
    /// other element types are refused as before.
    public static let supportedOpsets = 11...28
    public static let maximumFileBytes = 1 << 30
    /// Largest tensor (input, weight, activation) accepted: 2^26 elements (256 MiB as float32).
    public static let maximumTensorElements = 1 << 26
    public static let maximumNodeCount = 10_000

    /// The supported operators, one importer type each, as `LayerKinds` registers them.
    static var importerTypes: [any ONNXOperatorImporter.Type] { LayerKinds.importers }

    static func importer(for opType: String) -> (any ONNXOperatorImporter.Type)? {
        importerTypes.first { $0.opType == opType }
    }

    public static var supportedOperators: [String] { importerTypes.map { $0.opType }.sorted() }

    public static func importModel(contentsOf url: URL) throws(ModelImportError) -> FloatGraph {
        let size: Int
        do {
            size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        } catch {
            throw .malformedFile(reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        guard size <= maximumFileBytes else { throw .fileTooLarge(bytes: size, limit: maximumFileBytes) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .malformedFile(reason: "cannot read \(url.path)")
        }
        return try importModel(bytes: data, folder: url.deletingLastPathComponent())
    }

    /// `folder` is where external tensor data is looked up (the model file's folder); without
    /// one, a model with external data is refused with a message that says so.
    public static func importModel(bytes: Data, folder: URL? = nil) throws(ModelImportError) -> FloatGraph {
        guard bytes.count <= maximumFileBytes else { throw .fileTooLarge(bytes: bytes.count, limit: maximumFileBytes) }
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes)
        } catch {
            throw .malformedFile(reason: "protobuf decoding failed (\(error))")
        }
        guard model.hasGraph else { throw .malformedFile(reason: "no graph") }
        let opset = try defaultOpset(model)
        return try GraphAssembler(graph: model.graph, opset: opset, decoder: TensorDecoder(externalData: ExternalTensorData(directory: folder))).assemble()
    }

    static func defaultOpset(_ model: Onnx_ModelProto) throws(ModelImportError) -> Int {
        guard let entry = model.opsetImport.first(where: { $0.domain.isEmpty || $0.domain == "ai.onnx" }) else {
            throw .malformedFile(reason: "no opset_import for the default ONNX domain")
        }
        let version = Int(clamping: entry.version)
        guard supportedOpsets.contains(version) else { throw .unsupportedOpset(version: version, supported: supportedOpsets) }
        return version
    }
}

/// Builds the float graph from a decoded GraphProto.
struct GraphAssembler {
    let graph: Onnx_GraphProto
    let opset: Int
    let decoder: TensorDecoder

    func assemble() throws(ModelImportError) -> FloatGraph {
        guard graph.node.count <= ONNXImporter.maximumNodeCount else {
            throw .invalidGraph(reason: "\(graph.node.count) nodes, above the limit of \(ONNXImporter.maximumNodeCount)")
        }
        let postProcessing = ClassifierPostProcessing(graph)
        let removed = postProcessing?.removed ?? []
        var notes = postProcessing.map { [$0.note] } ?? []
        var (floats, integers) = try initializers(usedBy: Set(graph.node.indices.filter { !removed.contains($0) }.flatMap { graph.node[$0].input }))
        var (inputName, inputShape, batchNote) = try graphInput(initializerNames: Set(graph.initializer.map(\.name)))
        notes += batchNote.map { [$0] } ?? []
        var context = ImportContext(opset: opset, initializers: floats, integerInitializers: integers, decoder: decoder)
        context.shapes[inputName] = inputShape
        floats.removeAll(); integers.removeAll()

        var nodes = [FloatNode]()
        var aliases = [String: String]()
        var droppedSoftmax = false
        var softmaxOutput: String?
        func resolve(_ name: String) -> String { aliases[name] ?? name }

        for index in try topologicalOrder() where !removed.contains(index) {
            var proto = graph.node[index]
            // An unnamed node is named by its operator and first output, as ONNXNode does.
            let nodeName = proto.name.isEmpty ? "\(proto.opType)#\(proto.output.first ?? "?")" : proto.name
            guard softmaxOutput == nil else {
                throw .unsupportedPattern(node: nodeName, reason: "only a trailing Softmax is supported; a node follows it")
            }
            guard let importer = ONNXImporter.importer(for: proto.opType), proto.domain.isEmpty || proto.domain == "ai.onnx" else {
                throw .unsupportedOperator(node: nodeName, opType: proto.opType, supported: ONNXImporter.supportedOperators)
            }
            guard let output = proto.output.first, !output.isEmpty else {
                throw .invalidGraph(reason: "node '\(proto.name)' has no output")
            }
            proto.input = proto.input.map { $0.isEmpty ? $0 : resolve($0) }
            let node = ONNXNode(proto: proto, context: context)
            switch try importer.importNode(node) {
            case let .operation(operation, inputs, outputShape):
                try append(FloatNode(name: node.name, operation: operation, inputs: inputs, output: output, outputShape: outputShape),
                           node, to: &nodes, &context)
            case let .split(parts, input):
                guard parts.count == proto.output.count, proto.output.allSatisfy({ !$0.isEmpty }) else {
                    throw .shapeMismatch(node: node.name, opType: node.opType, reason: "\(parts.count) parts for \(proto.output.count) outputs")
                }
                for (index, part) in parts.enumerated() {
                    try append(FloatNode(name: "\(node.name)#\(index)", operation: part.operation, inputs: [input],
                                         output: proto.output[index], outputShape: part.outputShape), node, to: &nodes, &context)
                }
            case let .subgraph(parts):
                guard parts.last?.output == output else {
                    throw .shapeMismatch(node: node.name, opType: node.opType, reason: "its operations do not end in its output")
                }
                for part in parts { try append(part, node, to: &nodes, &context) }
            case let .alias(source):
                aliases[output] = source
            case let .softmax(source):
                aliases[output] = source
                softmaxOutput = output
                droppedSoftmax = true
            case let .constant(.floats(tensor)):
                context.initializers[output] = tensor
            case let .constant(.integers(values)):
                context.integerInitializers[output] = values
            case let .biasAdd(source, bias):
                try foldBias(bias, into: source, output: output, node: node, nodes: &nodes, context: &context)
            }
        }

        let declaredOutput: String
        if let postProcessing {
            declaredOutput = postProcessing.scores
        } else {
            guard let output = graph.output.first?.name else { throw .invalidGraph(reason: "the graph declares no output") }
            guard graph.output.count == 1 else { throw .invalidGraph(reason: "\(graph.output.count) graph outputs; exactly one is supported") }
            declaredOutput = output
        }
        if let softmaxOutput, softmaxOutput != declaredOutput {
            throw .unsupportedPattern(node: softmaxOutput, reason: "a Softmax that is not the graph output is not supported")
        }
        var outputName = resolve(declaredOutput)
        guard outputName == inputName || nodes.contains(where: { $0.output == outputName }) else {
            throw .invalidGraph(reason: "no node produces the graph output '\(declaredOutput)'")
        }
        TranspositionFolding.apply(&nodes, graphOutput: outputName)
        try PadFolding.apply(&nodes, graphOutput: outputName)
        AffineFolding.apply(&nodes, inputName: inputName, graphOutput: outputName)
        if let note = InputReshape.absorb(&nodes, inputName: inputName, inputShape: &inputShape, outputName: &outputName) {
            notes.append(note)
        }
        return FloatGraph(inputName: inputName, inputShape: inputShape, nodes: nodes, outputName: outputName,
                          droppedTrailingSoftmax: droppedSoftmax, notes: notes)
    }

    /// One imported operation, once its inputs and output shape are checked.
    func append(_ floatNode: FloatNode, _ node: ONNXNode, to nodes: inout [FloatNode], _ context: inout ImportContext) throws(ModelImportError) {
        // An initializer where an activation is expected would leave the node without an
        // argument at evaluation time.
        for input in floatNode.inputs where context.shapes[input] == nil {
            throw .missingTensor(node: node.name, tensor: input)
        }
        guard floatNode.outputShape.allSatisfy({ $0 >= 1 }) else {
            throw .shapeMismatch(node: node.name, opType: node.opType, reason: "produces an empty tensor of shape \(floatNode.outputShape)")
        }
        guard elementCount(of: floatNode.outputShape, limit: ONNXImporter.maximumTensorElements) != nil else {
            throw .dimensionsTooLarge(tensor: floatNode.output, shape: floatNode.outputShape, limit: ONNXImporter.maximumTensorElements)
        }
        nodes.append(floatNode)
        context.shapes[floatNode.output] = floatNode.outputShape
    }

    /// A constant added to the output of a Gemm/MatMul/Conv that nothing else reads becomes its bias.
    func foldBias(
        _ bias: Tensor<Float>, into source: String, output: String, node: ONNXNode,
        nodes: inout [FloatNode], context: inout ImportContext
    ) throws(ModelImportError) {
        let readers = graph.node.filter { $0.input.contains(source) }.count
        guard readers == 1, let producer = nodes.lastIndex(where: { $0.output == source }) else {
            throw .unsupportedPattern(node: node.name, reason: "Add of a constant is supported only as the bias of the Gemm, MatMul or Conv before it")
        }
        var producing = nodes[producer]
        // The constant must broadcast along the output channels only: the last axis of a Dense,
        // axis 1 of a convolution (a [C, 1, 1] tensor), with every other axis of size 1.
        let channelAxisFromEnd = producing.operation.isConvolution ? 3 : 1
        let alongChannels = bias.shape.count >= channelAxisFromEnd
            && bias.shape.enumerated().allSatisfy { $0.offset == bias.shape.count - channelAxisFromEnd || $0.element == 1 }
        switch producing.operation {
        case _ where !alongChannels && bias.count != 1:
            throw .unsupportedPattern(node: node.name, reason: "Add of a constant of shape \(bias.shape) does not broadcast along the output "
                                      + "channels of the Gemm, MatMul or Conv before it")
        case let .dense(weight, existing) where bias.count == existing.count:
            producing.operation = .dense(weight: weight, bias: zip(existing, bias.scalars).map { $0 + $1 })
        case let .conv(weight, existing, geometry) where bias.count == existing.count:
            producing.operation = .conv(weight: weight, bias: zip(existing, bias.scalars).map { $0 + $1 }, geometry: geometry)
        case let .groupedConv(weight, existing, geometry, groups) where bias.count == existing.count:
            producing.operation = .groupedConv(weight: weight, bias: zip(existing, bias.scalars).map { $0 + $1 }, geometry: geometry, groups: groups)
        default:
            throw .unsupportedPattern(node: node.name, reason: "Add of a constant of shape \(bias.shape) is supported only as a per-output bias of the Gemm, MatMul or Conv before it")
        }
        producing.output = output
        nodes[producer] = producing
        context.shapes[output] = producing.outputShape
    }

    /// Float32 and int64 initializers that the imported nodes read, with shapes and data lengths
    /// checked (the class list of removed post-processing may have another type).
    func initializers(usedBy used: Set<String>) throws(ModelImportError) -> ([String: Tensor<Float>], [String: [Int]]) {
        var floats = [String: Tensor<Float>]()
        var integers = [String: [Int]]()
        for stored in graph.initializer where used.contains(stored.name) {
            switch try decoder.constant(stored) {
            case let .floats(tensor): floats[stored.name] = tensor
            case let .integers(values): integers[stored.name] = values
            }
        }
        return (floats, integers)
    }

    /// The one graph input that is not an initializer, with a static shape; a symbolic leading
    /// (batch) dimension is fixed to one sample, with a note saying so.
    func graphInput(initializerNames: Set<String>) throws(ModelImportError) -> (String, [Int], String?) {
        let inputs = graph.input.filter { !initializerNames.contains($0.name) }
        guard inputs.count == 1, let input = inputs.first else {
            throw .invalidGraph(reason: "\(inputs.count) graph inputs besides initializers; exactly one is supported (\(inputs.map(\.name)))")
        }
        guard input.type.tensorType.elemType == 1 else {
            throw .invalidTensor(tensor: input.name, reason: "input element type \(input.type.tensorType.elemType) is not float32")
        }
        var dims = [Int64]()
        var note: String?
        let declared = input.type.tensorType.shape.dim
        for (axis, dimension) in declared.enumerated() {
            if case let .dimValue(value)? = dimension.value, value > 0 {
                dims.append(value)
            } else if axis == 0, declared.count >= 2, dimension.value.map({ if case .dimParam = $0 { true } else { false } }) ?? true {
                let name = dimension.dimParam.isEmpty ? "unnamed" : "'\(dimension.dimParam)'"
                note = "the input's batch dimension (\(name)) is symbolic: it is fixed to 1, one sample per row of the input file"
                dims.append(1)
            } else {
                throw .invalidTensor(tensor: input.name, reason: "has a dynamic or non-positive dimension at axis \(axis); export with static shapes (only a leading batch dimension may be symbolic)")
            }
        }
        return (input.name, try TensorDecoder.checkedShape(dims, name: input.name), note)
    }

    /// Kahn's algorithm over producer → consumer edges; a leftover node means a cycle.
    func topologicalOrder() throws(ModelImportError) -> [Int] {
        var producer = [String: Int]()
        for (index, node) in graph.node.enumerated() {
            for output in node.output where !output.isEmpty {
                guard producer[output] == nil else { throw .invalidGraph(reason: "tensor '\(output)' is produced twice") }
                producer[output] = index
            }
        }
        var indegree = [Int](repeating: 0, count: graph.node.count)
        var consumers = [[Int]](repeating: [], count: graph.node.count)
        for (index, node) in graph.node.enumerated() {
            for input in Set(node.input) where !input.isEmpty {
                if let source = producer[input] {
                    indegree[index] += 1
                    consumers[source].append(index)
                }
            }
        }
        var ready = (0..<graph.node.count).filter { indegree[$0] == 0 }
        var order = [Int]()
        while let next = ready.first {
            ready.removeFirst()
            order.append(next)
            for consumer in consumers[next] {
                indegree[consumer] -= 1
                if indegree[consumer] == 0 { ready.append(consumer) }
            }
        }
        guard order.count == graph.node.count else {
            let stuck = (0..<graph.node.count).filter { indegree[$0] > 0 }.map { graph.node[$0].name }
            throw .cycle(nodes: stuck)
        }
        return order
    }
}
