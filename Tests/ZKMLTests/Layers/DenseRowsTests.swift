import Foundation
import Testing
import ZKML
import ZKTestSupport

/// A MatMul of a [1, N, K] activation by constant [K, M] weights (a token-wise linear layer): one
/// Dense layer whose rows are N, proven by the same sumcheck as a batch of N samples.
@Suite("Dense layers over rows")
struct DenseRowsTests {
    typealias ONNXModel = CraftedModelTests.ONNXModel

    @Test("each row's integer output equals the model applied to that row alone (the naive twin), and the model is proven")
    func rowsEqualSingleRowsAndProve() throws {
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url("matmul_rows"))
        #expect(graph.inputShape == [1, 5, 16])
        let samples = ExporterFixtures.gaussianSamples(8, count: 5 * 16, seed: 0xD5E)
        let model = try Quantizer(graph: graph).quantize(calibration: samples)
        // The twin: the same layers over a [1, 16] input, one row at a time.
        var single = model
        single.inputShape = [1, 16]
        single.layers = model.layers.map { layer in
            var layer = layer
            layer.outputShape = [1, layer.outputShape[2]]
            return layer
        }
        let inputs = samples.prefix(2).map { model.quantizeInput($0) }
        for input in inputs {
            let whole = model.infer(input).output
            #expect(whole.shape == [1, 5, 4])
            for row in 0..<5 {
                let x = Tensor(shape: [1, 16], scalars: Array(input.scalars[(row * 16)..<(row * 16 + 16)]))
                #expect(single.infer(x).output.scalars == Array(whole.scalars[(row * 4)..<(row * 4 + 4)]))
            }
        }
        let prover = InferenceProver(model: model)
        let proof = try prover.prove(inputs)
        #expect(try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: prover.descriptor)
                == inputs.map { model.infer($0).output })
        // One value changed in the last real row (the padding beyond it holds no bias).
        var forged = proof
        forged.output[4 * 4 + 1] = forged.output[4 * 4 + 1] == 0 ? 1 : 0
        #expect(throws: (any Error).self) { try InferenceVerifier.verify(forged, descriptor: prover.descriptor) }
        // Rows swapped: the same values, in another order.
        var swapped = proof
        for i in 0..<4 { swapped.output.swapAt(i, 4 + i) }
        if swapped.output != proof.output {
            #expect(throws: (any Error).self) { try InferenceVerifier.verify(swapped, descriptor: prover.descriptor) }
        }
    }

    @Test("a right operand [1, K, M] broadcasts; a stack of different matrices is refused")
    func broadcastRightOperand() throws {
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url("matmul_rows_broadcast_weight"))
        #expect(graph.nodes.map(\.operation.name) == ["Dense"])
        let stacked = ONNXModel(
            inputShape: [1, 2, 3],
            nodes: [.init(name: "mm", opType: "MatMul", inputs: ["input", "W"])],
            initializers: [.init(name: "W", dims: [2, 3, 2], floats: (0..<12).map { Float($0) })])
        #expect(throws: ModelImportError.self) { try stacked.imported() }
    }

    @Test("a bias that does not broadcast along the output channels is refused, not folded")
    func biasAlongChannelsOnly() throws {
        func model(biasDims: [Int64]) -> ONNXModel {
            ONNXModel(
                inputShape: [1, 3, 2],
                nodes: [.init(name: "mm", opType: "MatMul", inputs: ["input", "W"], outputs: ["h"]),
                        .init(name: "bias", opType: "Add", inputs: ["h", "B"])],
                initializers: [.init(name: "W", dims: [2, 3], floats: [1, 0, -1, 0.5, 2, 1]),
                               .init(name: "B", dims: biasDims, floats: [0.5, -0.25, 1])])
        }
        // [3] and [1, 1, 3] add one value per output channel.
        let graph = try model(biasDims: [1, 1, 3]).imported()
        #expect(graph.evaluate([1, 2, 0, 0, -1, 1]).scalars == [2.5, 3.75, 2, 0.5, -0.25, 1, 0, 1.75, 3])
        _ = try model(biasDims: [3]).imported()
        // [3, 1] would add one value per row: not a bias.
        #expect(throws: ModelImportError.self) { try model(biasDims: [3, 1]).imported() }
    }
}
