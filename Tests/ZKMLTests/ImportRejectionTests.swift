import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKTestSupport

/// Untrusted ONNX files: every malformed model gives a specific `ModelImportError`
/// with a message naming what is wrong, never a trap and never a large allocation.
@Suite("ONNX import rejects malformed models")
struct ImportRejectionTests {
    func importError(_ fixture: String) -> ModelImportError? {
        #expect(throws: ModelImportError.self, "\(fixture) must be rejected") {
            try ONNXImporter.importModel(contentsOf: OperatorFixtures.url(fixture))
        }
    }

    @Test("truncated protobuf → malformedFile")
    func truncatedFile() {
        let error = importError("bad_truncated")
        guard case let .malformedFile(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("protobuf"), "\(reason)")
        #expect(String(describing: error!).hasPrefix("not a valid ONNX model"))
    }

    @Test("random bytes → malformedFile")
    func randomBytes() {
        let error = importError("bad_random_bytes")
        guard case let .malformedFile(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("protobuf"), "\(reason)")
    }

    @Test("a graph with a cycle → cycle, naming the nodes on it")
    func cycle() {
        let error = importError("bad_cycle")
        guard case let .cycle(nodes)? = error else { Issue.record("got \(String(describing: error))"); return }
        // a = Add(input, b), b = Relu(a); Identity(a) waits behind them.
        #expect(Set(nodes).isSuperset(of: ["add", "relu"]), "\(nodes)")
        #expect(String(describing: error!).contains("cycle"))
    }

    @Test("a weight that is no initializer → missingInitializer")
    func missingInitializer() {
        #expect(importError("bad_missing_initializer") == .missingInitializer(node: "gemm", tensor: "fc.weight"))
        #expect(String(describing: importError("bad_missing_initializer")!).contains("'fc.weight'"))
    }

    @Test("Gemm with K 64 against a weight of K 32 → shapeMismatch")
    func shapeMismatch() {
        let error = importError("bad_shape_mismatch")
        guard case let .shapeMismatch(node, opType, reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(node == "gemm" && opType == "Gemm")
        #expect(reason.contains("64") && reason.contains("32"), "\(reason)")
    }

    @Test("a 4 TiB initializer declared without data → dimensionsTooLarge before any allocation")
    func absurdDimensions() {
        let error = importError("bad_huge_dims")
        guard case let .dimensionsTooLarge(tensor, shape, limit)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(["W", "input"].contains(tensor), "\(tensor)")
        #expect(shape.contains(1 << 40), "\(shape)")
        #expect(limit == ONNXImporter.maximumTensorElements)
    }

    @Test("PRelu with a slope that is neither one value nor one per channel → unsupportedAttribute naming the slope")
    func preluSlopeShape() throws {
        let model = CraftedModelTests.ONNXModel(
            inputShape: [1, 4, 3, 3],
            nodes: [.init(name: "prelu", opType: "PRelu", inputs: ["input", "slope"])],
            initializers: [.init(name: "slope", dims: [1, 1, 3], floats: [0.1, 0.2, 0.3])])
        let error = #expect(throws: ModelImportError.self) { try ONNXImporter.importModel(bytes: Data(model.serialized())) }
        guard case let .unsupportedAttribute(node, opType, attribute, _, supported)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(node == "prelu" && opType == "PRelu" && attribute == "slope", "\(String(describing: error))")
        #expect(supported.contains("one per channel"), "\(supported)")
    }

    @Test("shape arithmetic from the file cannot trap or allocate: a huge ConstantOfShape, Int.min / −1, a division by zero")
    func shapeArithmeticLimits() throws {
        func importing(_ node: CraftedModelTests.ONNXModel.Node, _ initializers: [CraftedModelTests.ONNXModel.Initializer]) -> ModelImportError? {
            let model = CraftedModelTests.ONNXModel(nodes: [node], initializers: initializers)
            do {
                _ = try ONNXImporter.importModel(bytes: Data(model.serialized()))
            } catch {
                return error
            }
            Issue.record("\(node.opType) imported")
            return nil
        }
        let huge = importing(.init(name: "fill", opType: "ConstantOfShape", inputs: ["shape"]),
                             [.init(name: "shape", dims: [2], int64s: [1 << 20, 1 << 20])])
        guard case let .unsupportedAttribute(_, _, attribute, _, _)? = huge else { Issue.record("\(String(describing: huge))"); return }
        #expect(attribute == "shape")
        for (a, b) in [(Int64.min, Int64(-1)), (7, 0)] {
            let error = importing(.init(name: "div", opType: "Div", inputs: ["a", "b"]),
                                  [.init(name: "a", dims: [1], int64s: [a]), .init(name: "b", dims: [1], int64s: [b])])
            guard case .shapeMismatch? = error else { Issue.record("\(a) / \(b): \(String(describing: error))"); return }
        }
    }

    @Test("an Einsum node → unsupportedOperator naming the node, the operator and the supported list")
    func unsupportedOperator() {
        let error = importError("bad_unsupported_op")
        #expect(error == .unsupportedOperator(node: "einsum", opType: "Einsum", supported: ONNXImporter.supportedOperators))
        let message = error.map { String(describing: $0) } ?? ""
        for expected in ["'einsum'", "Einsum", "Conv", "Gemm", "MatMul", "Relu", "MaxPool"] {
            #expect(message.contains(expected), "message lacks \(expected): \(message)")
        }
    }

    @Test("Conv whose weight does not match its group count → shapeMismatch")
    func convGroupMismatch() throws {
        // W is [4, 2, 3, 3] for 4 input channels: group 2 fits, group 4 does not.
        let model = CraftedModelTests.ONNXModel(
            inputShape: [1, 4, 6, 6],
            nodes: [.init(name: "conv", opType: "Conv", inputs: ["input", "W"], ints: ["group": 4])],
            initializers: [.init(name: "W", dims: [4, 2, 3, 3], floats: [Float](repeating: 0.1, count: 72))])
        let error = #expect(throws: ModelImportError.self) { try ONNXImporter.importModel(bytes: Data(model.serialized())) }
        guard case let .shapeMismatch(node, _, reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(node == "conv" && reason.contains("group = 4"), "\(reason)")
    }

    @Test("Reshape to a shape given as a second graph input → invalidGraph naming both inputs")
    func dynamicReshape() {
        // The second graph input is caught before the Reshape itself is looked at: zkinfer models
        // have exactly one input, so the dynamic shape never reaches the Reshape importer.
        let error = importError("bad_dynamic_reshape")
        guard case let .invalidGraph(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("exactly one"), "\(reason)")
        #expect(reason.contains("\"input\"") && reason.contains("\"shape\""), "\(reason)")
    }

    @Test("a missing file → malformedFile naming the path")
    func missingFile() {
        let url = Repository.url("Tests/Fixtures/onnx/does_not_exist.onnx")
        let error = #expect(throws: ModelImportError.self) { try ONNXImporter.importModel(contentsOf: url) }
        guard case let .malformedFile(reason)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(reason.contains("does_not_exist.onnx"))
    }

    @Test("empty bytes → malformedFile (no graph)")
    func emptyBytes() {
        #expect(throws: ModelImportError.malformedFile(reason: "no graph")) { try ONNXImporter.importModel(bytes: Data()) }
    }

    // MARK: Fuzzing

    /// Imports `bytes`; a successful import must give a graph the float reference can run. The
    /// importer's typed throws guarantee any error is a `ModelImportError`; a trap would end the run.
    static func importOrReject(_ bytes: [UInt8]) -> Result<FloatGraph, ModelImportError> {
        do {
            let graph = try ONNXImporter.importModel(bytes: Data(bytes))
            return .success(graph)
        } catch {
            return .failure(error)
        }
    }

    @Test("500 random byte strings: rejected with ModelImportError or imported, never a trap")
    func randomByteStrings() {
        var generator = SeededGenerator(defaultSeed: 0x5EED_0001)
        var rejected = 0
        for trial in 0..<500 {
            let count = Int.random(in: 0...2_000, using: &generator)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            switch Self.importOrReject(bytes) {
            case .failure(let error):
                rejected += 1
                #expect(!String(describing: error).isEmpty, "\(generator.rerunHint) trial \(trial)")
            case .success(let graph):
                Issue.record("\(generator.rerunHint) trial \(trial): \(count) random bytes imported as a graph of \(graph.nodes.count) nodes")
            }
        }
        #expect(rejected == 500, generator.comment())
    }

    @Test("500 truncations and byte mutations of valid fixtures: imported and runnable, or ModelImportError")
    func mutatedFixtures() throws {
        var generator = SeededGenerator(defaultSeed: 0x5EED_0002)
        let originals = try OperatorFixtures.positive.map { ($0, try OperatorFixtures.bytes($0)) }
        var outcomes = [String: Int]()
        for trial in 0..<500 {
            let (name, original) = originals[Int.random(in: 0..<originals.count, using: &generator)]
            var bytes = original
            let description: String
            switch Int.random(in: 0..<4, using: &generator) {
            case 0:
                let length = Int.random(in: 0..<bytes.count, using: &generator)
                bytes.removeLast(bytes.count - length)
                description = "\(name) truncated to \(length) bytes"
            case 1:
                var positions = [Int]()
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let position = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[position] = UInt8.random(in: 0...255, using: &generator)
                    positions.append(position)
                }
                description = "\(name) with bytes \(positions) replaced"
            default:
                // Half the trials: one byte among the first 256, which hold the graph structure
                // (node names, op types, attributes, shapes) more than weight data.
                let position = Int.random(in: 0..<min(bytes.count, 256), using: &generator)
                bytes[position] ^= UInt8.random(in: 1...255, using: &generator)
                description = "\(name) with byte \(position) flipped"
            }
            switch Self.importOrReject(bytes) {
            case .failure(let error):
                outcomes[caseName(of: error) ?? "?", default: 0] += 1
                #expect(!String(describing: error).isEmpty)
            case .success(let graph):
                outcomes["imported", default: 0] += 1
                // What imports must run, and quantize to a valid model or give a typed error.
                let zeros = [Float](repeating: 0, count: graph.inputShape.reduce(1, *))
                let output = graph.evaluate(zeros)
                #expect(output.shape == graph.outputShape, "\(generator.rerunHint) trial \(trial): \(description)")
                let ones = [Float](repeating: 1, count: zeros.count)
                guard let model = try? Quantizer(graph: graph).quantize(calibration: [zeros, ones]) else {
                    outcomes["not quantized", default: 0] += 1
                    continue
                }
                #expect(throws: Never.self, "\(generator.rerunHint) trial \(trial): \(description)") { try model.validate() }
                #expect(model.infer(model.quantizeInput(ones)).output.shape == model.outputShape)
            }
        }
        // Both paths were exercised.
        #expect((outcomes["imported"] ?? 0) > 0 && (outcomes["imported"] ?? 0) < 500, "\(generator.rerunHint): \(outcomes)")
    }
}
