import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKTestSupport

/// Grouped and depthwise convolutions: the float reference and the integer inference of a
/// GroupedConv equal those of the plain Conv with the block-diagonal weights (the naive twin),
/// and a model with one is proven and verified.
@Suite("GroupedConv layers")
struct GroupedConvTests {
    /// The [O, C/G, kh, kw] weights as [O, C, kh, kw], zero outside each output channel's group.
    static func blockDiagonal<T: Numeric>(_ weights: [T], shape: [Int], groups: Int) -> (scalars: [T], shape: [Int]) {
        let (outputs, within, kernel) = (shape[0], shape[1], shape[2] * shape[3])
        let channels = within * groups
        var expanded = [T](repeating: 0, count: outputs * channels * kernel)
        for o in 0..<outputs {
            let first = o / (outputs / groups) * within
            for i in 0..<within {
                for k in 0..<kernel { expanded[(o * channels + first + i) * kernel + k] = weights[(o * within + i) * kernel + k] }
            }
        }
        return (expanded, [outputs, channels, shape[2], shape[3]])
    }

    static func graph() throws -> FloatGraph {
        try ONNXImporter.importModel(contentsOf: OperatorFixtures.url("bad_conv_group2"))
    }

    @Test("the float reference equals the block-diagonal Conv")
    func floatTwin() throws {
        let graph = try Self.graph()
        let node = try #require(graph.nodes.first)
        guard case let .groupedConv(weight, bias, geometry, groups) = node.operation else {
            Issue.record("imported as \(node.operation.name)")
            return
        }
        #expect(groups == 2)
        let (expanded, shape) = Self.blockDiagonal(weight.scalars, shape: weight.shape, groups: groups)
        let twin = FloatOperation.conv(weight: Tensor(shape: shape, scalars: expanded), bias: bias, geometry: geometry)
        for sample in ExporterFixtures.gaussianSamples(4, count: graph.inputShape.reduce(1, *), seed: 0x6C0) {
            let x = Tensor(shape: graph.inputShape, scalars: sample)
            let grouped = node.operation.evaluate([x], outputShape: node.outputShape)
            let dense = twin.evaluate([x], outputShape: node.outputShape)
            #expect(maximumAbsoluteDifference(grouped.scalars, dense.scalars) <= 1e-6)
        }
    }

    @Test("integer inference equals the block-diagonal Conv, and the model is proven and verified")
    func integerTwinAndProof() throws {
        let graph = try Self.graph()
        let samples = ExporterFixtures.gaussianSamples(8, count: graph.inputShape.reduce(1, *), seed: 0x6C1)
        let model = try Quantizer(graph: graph).quantize(calibration: samples)
        let layer = try #require(model.layers.first)
        guard case let .groupedConv(weights, bias, geometry, groups, rescale) = layer.operation else {
            Issue.record("quantized as \(layer.operation.kindName)")
            return
        }
        let (expanded, shape) = Self.blockDiagonal(weights.scalars, shape: weights.shape, groups: groups)
        var twin = model
        twin.layers[0].operation = .conv(weights: Tensor(shape: shape, scalars: expanded), bias: bias, geometry: geometry, rescale: rescale)
        let inputs = samples.prefix(3).map { model.quantizeInput($0) }
        for input in inputs {
            #expect(model.infer(input) == twin.infer(input))
        }
        let prover = InferenceProver(model: model)
        let proof = try prover.prove(inputs)
        #expect(try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: prover.descriptor)
                == inputs.map { model.infer($0).output })
        // A claimed output of another input does not verify.
        var forged = proof
        forged.output = twin.infer(model.quantizeInput(samples[7])).output.scalars + forged.output.dropFirst(forged.output.count / 3)
        #expect(throws: (any Error).self) { try InferenceVerifier.verify(forged, descriptor: prover.descriptor) }
    }
}
