import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKTestSupport

/// The exact integer semantics of quantized models (what the circuit will prove), checked against naive
/// twins, plus the graph rewrites the quantizer performs: BatchNormalization folding, ReLU/Clip
/// fusion into the rescale clamp, and dropping a trailing Softmax.
@Suite("Quantization semantics")
struct QuantizationSemanticsTests {
    // MARK: The rescale rule

    /// floor((acc·M + 2^(S−1)) / 2^S) with plain Int64 arithmetic: truncating division, corrected
    /// explicitly for negative numerators. No shifts of negative numbers, no floating point.
    static func naiveQuotient(_ accumulator: Int64, _ multiplier: Int64, _ shift: Int) -> Int64 {
        let numerator = accumulator * multiplier + (Int64(1) << (shift - 1))
        let denominator = Int64(1) << shift
        var quotient = numerator / denominator
        if numerator % denominator != 0 && numerator < 0 { quotient -= 1 }
        return quotient
    }

    @Test("Rescale.apply equals floor((acc·M + 2^(S−1)) / 2^S) then the clamp, on 100,000 random cases")
    func rescaleMatchesNaiveTwin() {
        var generator = SeededGenerator(defaultSeed: 0x5EED_0004)
        var mismatches = [String]()
        for trial in 0..<100_000 {
            // |acc| < 2^42 and M < 2^20 are the bounds validation guarantees; spread the
            // magnitudes so that small accumulators (exact halves, sign changes) are common.
            let bits = Int.random(in: 0...42, using: &generator)
            let accumulator = Int64.random(in: -(Int64(1) << bits)...(Int64(1) << bits), using: &generator)
            let multiplier = Int64.random(in: 0..<(Int64(1) << Int.random(in: 0...20, using: &generator)), using: &generator)
            let shift = Int.random(in: 1...Rescale.maximumShift, using: &generator)
            let lower: Int64 = Bool.random(using: &generator) ? 0 : -128
            let rescale = Rescale(multipliers: [7, multiplier], shift: shift, lower: lower, upper: 127)
            let (quotient, output) = rescale.apply(accumulator, multiplierIndex: 1)
            let expected = Self.naiveQuotient(accumulator, multiplier, shift)
            if quotient != expected || output != min(max(expected, lower), 127) {
                mismatches.append("trial \(trial): acc \(accumulator), M \(multiplier), S \(shift) → \(quotient), expected \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(generator.rerunHint): \(mismatches.count) mismatches, first \(mismatches.prefix(3))")
    }

    @Test("exact halves round up (toward +∞), for negative accumulators too")
    func roundingOfHalves() {
        let rescale = Rescale(multipliers: [1, 3], shift: 1, lower: -128, upper: 127)
        // acc / 2: 3/2 = 1.5 → 2, −1/2 = −0.5 → 0, −3/2 = −1.5 → −1, −4/2 → −2.
        #expect(rescale.apply(3, multiplierIndex: 0).quotient == 2)
        #expect(rescale.apply(-1, multiplierIndex: 0).quotient == 0)
        #expect(rescale.apply(-3, multiplierIndex: 0).quotient == -1)
        #expect(rescale.apply(-4, multiplierIndex: 0).quotient == -2)
        // 3·acc / 2 with acc = −5: −7.5 → −7.
        #expect(rescale.apply(-5, multiplierIndex: 1).quotient == -7)
    }

    @Test("the clamp: [−128, 127], or [0, 127] when a ReLU was fused; the quotient keeps its value")
    func clamp() {
        let relu = Rescale(multipliers: [1], shift: 1, lower: 0, upper: 127)
        #expect(relu.apply(-10, multiplierIndex: 0) == (quotient: -5, output: 0))
        #expect(relu.apply(1, multiplierIndex: 0) == (quotient: 1, output: 1))
        #expect(relu.apply(1_000, multiplierIndex: 0) == (quotient: 500, output: 127))
        let plain = Rescale(multipliers: [1], shift: 1, lower: -128, upper: 127)
        #expect(plain.apply(-10, multiplierIndex: 0) == (quotient: -5, output: -5))
        #expect(plain.apply(-1_000, multiplierIndex: 0) == (quotient: -500, output: -128))
    }

    @Test("Rescale(realMultipliers:): largest M in [2^14, 2^15), relative error ≤ 2^−14")
    func multiplierPrecision() {
        var generator = SeededGenerator(defaultSeed: 0x5EED_0005)
        for trial in 0..<2_000 {
            // Real multipliers from 2^−26 to 2^13: where the 40-bit shift cap does not bind and
            // shift 1 still leaves room (m·2 < 2^15).
            let count = Int.random(in: 1...64, using: &generator)
            let multipliers = (0..<count).map { _ in Foundation.exp2(Double.random(in: -26..<13, using: &generator)) }
            let rescale = Rescale(realMultipliers: multipliers, lower: -128, upper: 127)
            let largest = multipliers.indices.max { multipliers[$0] < multipliers[$1] }!
            let context = "\(generator.rerunHint) trial \(trial): largest \(multipliers[largest]), shift \(rescale.shift)"
            #expect((1...Rescale.maximumShift).contains(rescale.shift), "\(context)")
            #expect(rescale.multipliers[largest] < 1 << Rescale.multiplierBits, "\(context)")
            #expect(rescale.multipliers[largest] >= 1 << (Rescale.multiplierBits - 1), "\(context)")
            let relativeError = abs(rescale.realMultiplier(largest) - multipliers[largest]) / multipliers[largest]
            #expect(relativeError <= Foundation.exp2(-14), "\(context): relative error \(relativeError)")
            // Every multiplier, however small, is within half a unit of 2^−S.
            for index in multipliers.indices {
                let error = abs(rescale.realMultiplier(index) - multipliers[index])
                #expect(error <= Foundation.exp2(-Double(rescale.shift + 1)), "\(context), index \(index)")
            }
        }
    }

    @Test("a multiplier that rounds up to 2^15 at one shift takes the shift below")
    func multiplierRoundingEdge() {
        // m·2^14 = 32767.75 would round to M = 2^15; the shift must stop at 13 (M = 16384).
        let m = 32767.75 / 16384
        let rescale = Rescale(realMultipliers: [m], lower: -128, upper: 127)
        #expect(rescale.multipliers[0] < 1 << Rescale.multiplierBits, "shift \(rescale.shift), M \(rescale.multipliers[0])")
        #expect(abs(rescale.realMultiplier(0) - m) / m <= Foundation.exp2(-14))
    }

    // MARK: Input quantization

    static func model(inputScale: Double, count: Int) -> QuantizedModel {
        QuantizedModel(inputShape: [1, count], inputScale: inputScale, layers: [], droppedTrailingSoftmax: false)
    }

    @Test("quantizeInput rounds half to even and clamps to [−128, 127]")
    func inputQuantization() {
        let inputs: [Float] = [0.25, 0.75, 1.25, -0.25, -0.75, -1.25, 0.3, 63.25, 63.5, 64, -64, -64.5, 100, -100,
                               .infinity, -.infinity, .nan, -0.0]
        let expected: [Int8] = [0, 2, 2, 0, -2, -2, 1, 126, 127, 127, -128, -128, 127, -128, 127, -128, 0, 0]
        let model = Self.model(inputScale: 0.5, count: inputs.count)
        let quantized = model.quantizeInput(inputs)
        #expect(quantized.shape == [1, inputs.count])
        #expect(quantized.scalars == expected)
    }

    @Test("quantizeInput equals a naive round-half-even on 20,000 random values")
    func inputQuantizationMatchesNaiveTwin() {
        var generator = SeededGenerator(defaultSeed: 0x5EED_0006)
        for trial in 0..<20 {
            let scale = Foundation.exp2(Double.random(in: -10...4, using: &generator))
            // Values on the half-step grid hit exact ties often.
            let inputs = (0..<1_000).map { _ -> Float in
                Bool.random(using: &generator)
                    ? Float(Double(Int.random(in: -600...600, using: &generator)) / 2 * scale)
                    : Float(Double.random(in: -300...300, using: &generator) * scale)
            }
            let expected = inputs.map { value -> Int8 in
                let exact = Double(value) / scale
                let below = exact.rounded(.down)
                let fraction = exact - below
                var rounded = fraction > 0.5 ? below + 1 : below
                if fraction == 0.5 { rounded = below.truncatingRemainder(dividingBy: 2) == 0 ? below : below + 1 }
                return Int8(min(max(rounded, -128), 127))
            }
            let model = Self.model(inputScale: scale, count: inputs.count)
            #expect(model.quantizeInput(inputs).scalars == expected, "\(generator.rerunHint) trial \(trial), scale \(scale)")
        }
    }

    // MARK: Graph rewrites

    /// A fixture's graph with `operation` appended as a new node reading its output.
    static func appending(_ operation: FloatOperation, named name: String, to graph: FloatGraph) throws -> FloatGraph {
        var graph = graph
        var node = try #require(graph.nodes.last)
        node.name = name
        node.operation = operation
        node.inputs = [node.output]
        node.output = "\(name)_out"
        graph.nodes.append(node)
        graph.outputName = node.output
        return graph
    }

    @Test("BatchNormalization after a Conv or a Gemm is folded into it", arguments: ["conv3x3", "gemm"])
    func batchNormalizationIsFolded(_ fixture: String) throws {
        let reference = try OperatorFixtures.reference(fixture)
        let plain = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url(fixture))
        let channels = plain.outputShape[1]
        var scale = [Float](), shift = [Float]()
        for channel in 0..<channels {
            let magnitude = 0.5 + 0.25 * Float(channel % 5)
            scale.append(channel % 2 == 0 ? magnitude : -magnitude)
            shift.append(0.1 * Float(channel) - 0.3)
        }
        let graph = try Self.appending(.batchNormalization(scale: scale, shift: shift), named: "bn", to: plain)

        let model = try Quantizer(graph: graph).quantize(calibration: reference.inputs)
        let expectedKind = plain.nodes[0].operation.name == "Conv" ? "Conv" : "Dense"
        #expect(model.layers.map { $0.operation.kindName } == [expectedKind])
        #expect(model.outputShape == graph.outputShape)

        // The fold is exact in float: W'[o] = W[o]·scale[o], b'[o] = b[o]·scale[o] + shift[o].
        func fold(_ weight: Tensor<Float>, _ bias: [Float]) -> (Tensor<Float>, [Float]) {
            let perChannel = weight.count / channels
            var scalars = weight.scalars
            for index in scalars.indices { scalars[index] *= scale[index / perChannel] }
            var folded = bias
            for channel in folded.indices { folded[channel] = bias[channel] * scale[channel] + shift[channel] }
            return (Tensor(shape: weight.shape, scalars: scalars), folded)
        }
        var folded = plain
        switch plain.nodes[0].operation {
        case let .conv(weight, bias, geometry):
            let (w, b) = fold(weight, bias)
            folded.nodes[0].operation = .conv(weight: w, bias: b, geometry: geometry)
        case let .dense(weight, bias):
            let (w, b) = fold(weight, bias)
            folded.nodes[0].operation = .dense(weight: w, bias: b)
        default:
            Issue.record("unexpected operation \(plain.nodes[0].operation.name)")
        }
        for (index, input) in reference.inputs.enumerated() {
            let float = graph.evaluate(input).scalars
            #expect(maximumAbsoluteDifference(folded.evaluate(input).scalars, float) <= 1e-5, "sample \(index)")
            let error = Double(maximumAbsoluteDifference(model.dequantizedOutput(input), float))
            #expect(error <= 3 * model.outputScale, "sample \(index): \(error / model.outputScale) steps")
        }
    }

    @Test("cifar_cnn: every BatchNormalization folded, every ReLU fused, residual Add kept")
    func cifarLayerStructure() throws {
        let imported = try ZooModel(name: "cifar_cnn").imported()
        let floatOperations = imported.graph.nodes.map(\.operation.name)
        #expect(floatOperations.filter { $0 == "BatchNormalization" }.count == 5)
        #expect(floatOperations.filter { $0 == "Relu" }.count == 6)
        for (index, node) in imported.graph.nodes.enumerated() where node.operation.name == "BatchNormalization" {
            #expect(imported.graph.nodes[index - 1].operation.name == "Conv", "\(node.name) follows a Conv")
        }
        let layers = imported.model.layers
        #expect(layers.map(\.operation.kindName) == ["Conv", "Conv", "Conv", "Add", "MaxPool", "Conv", "MaxPool", "Conv",
                                                     "MaxPool", "Reshape", "Dense", "Dense"])
        #expect(layers.map(\.name) == ["stem_conv", "res1_conv", "res2_conv", "res_add", "pool1", "block2_conv", "pool2",
                                       "block3_conv", "pool3", "flatten", "fc1", "fc2"])
        // ReLU fused where one follows: stem, res1, the residual Add, block2, block3, fc1.
        let lowerBounds = layers.compactMap { layer -> Int64? in
            switch layer.operation {
            case let .conv(_, _, _, rescale), let .dense(_, _, rescale), let .add(rescale): return rescale.lower
            default: return nil
            }
        }
        #expect(lowerBounds == [0, 0, -128, 0, 0, 0, 0, -128])
        // The residual Add reads the stem's (ReLU'd) output and res2's.
        #expect(layers[3].inputs == [3, 1])
    }

    @Test("a ReLU after a Gemm is fused into its clamp: lower bound 0, no layer of its own")
    func reluAfterGemmIsFused() throws {
        let imported = try ZooModel(name: "digits_mlp_small").imported()
        #expect(imported.graph.nodes.map(\.operation.name) == ["Dense", "Relu", "Dense"])
        let layers = imported.model.layers
        #expect(layers.map(\.name) == ["fc1", "fc2"])
        guard case let .dense(_, _, hidden) = layers[0].operation, case let .dense(_, _, logits) = layers[1].operation else {
            Issue.record("expected two Dense layers, got \(layers.map(\.operation.kindName))")
            return
        }
        #expect((hidden.lower, hidden.upper) == (0, 127))
        #expect((logits.lower, logits.upper) == (-128, 127))
        // The hidden activations are ReLU'd: never negative, even where the quotient is.
        let vectors = try ZooModel(name: "digits_mlp_small").vectors()
        var negativeQuotients = 0
        for input in vectors.inputs {
            let trace = imported.model.infer(imported.model.quantizeInput(input))
            #expect(trace.tensors[1].scalars.allSatisfy { $0 >= 0 })
            negativeQuotients += trace.witnesses[0].quotients.filter { $0 < 0 }.count
        }
        #expect(negativeQuotients > 0, "the clamp did some work")
    }

    @Test("a Clip after a Gemm is fused: clamp [round(min / s_out), round(max / s_out)]")
    func clipAfterGemmIsFused() throws {
        let reference = try OperatorFixtures.reference("gemm")
        let plain = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url("gemm"))
        let graph = try Self.appending(.clip(minimum: -0.25, maximum: 0.5), named: "clip", to: plain)
        let model = try Quantizer(graph: graph).quantize(calibration: reference.inputs)
        guard model.layers.count == 1, case let .dense(_, _, rescale) = model.layers[0].operation else {
            Issue.record("expected one Dense layer, got \(model.layers.map(\.operation.kindName))")
            return
        }
        #expect(rescale.lower == Int64((-0.25 / model.outputScale).rounded()))
        #expect(rescale.upper == Int64((0.5 / model.outputScale).rounded()))
        #expect(rescale.lower > -128 && rescale.lower < 0)
        // The error arises in the accumulation, before the clamp: bound it by 3 steps of the
        // unclipped Gemm output's scale, not of the (smaller) clipped one.
        let unclippedRange = reference.inputs.flatMap { plain.evaluate($0).scalars }.map(\.magnitude).max() ?? 0
        for input in reference.inputs {
            let float = graph.evaluate(input).scalars
            #expect(float.allSatisfy { $0 >= -0.25 && $0 <= 0.5 })
            let error = maximumAbsoluteDifference(model.dequantizedOutput(input), float)
            #expect(error <= 3 * unclippedRange / 127, "error \(error), unclipped range \(unclippedRange)")
        }
    }

    @Test("a trailing Softmax is dropped: model_softmax.onnx gives the same quantized model as model.onnx")
    func trailingSoftmaxIsDropped() throws {
        let zoo = ZooModel(name: "digits_mlp_small")
        let withSoftmax = try ONNXImporter.importModel(contentsOf: Repository.url("Circuits/digits_mlp_small/model_softmax.onnx"))
        let plain = try zoo.imported()
        #expect(withSoftmax.droppedTrailingSoftmax)
        #expect(!plain.graph.droppedTrailingSoftmax)
        #expect(withSoftmax.nodes.map(\.operation) == plain.graph.nodes.map(\.operation))
        #expect(withSoftmax.nodes.map(\.name) == plain.graph.nodes.map(\.name))

        let calibration = try InputData.load(contentsOf: zoo.calibrationURL)
        let model = try Quantizer(graph: withSoftmax).quantize(calibration: calibration.inputData)
        #expect(model.droppedTrailingSoftmax)
        #expect(model.inputShape == plain.model.inputShape)
        #expect(model.inputScale == plain.model.inputScale)
        #expect(model.layers == plain.model.layers)
        var relabelled = model
        relabelled.droppedTrailingSoftmax = false
        #expect(relabelled == plain.model)
        // The flag survives the model file.
        #expect(try QuantizedModel(decoding: model.encoded()).droppedTrailingSoftmax)
    }

    // MARK: Calibration errors

    @Test("an empty calibration set or a sample of the wrong size → ModelImportError.calibration")
    func calibrationErrors() throws {
        let graph = try ZooModel(name: "digits_mlp_small").imported().graph
        #expect(throws: ModelImportError.calibration("the calibration set is empty; give representative inputs")) {
            try Quantizer(graph: graph).quantize(calibration: [])
        }
        #expect(throws: ModelImportError.calibration("calibration sample 1 has 63 values, the model input has 64")) {
            try Quantizer(graph: graph).quantize(calibration: [[Float](repeating: 0, count: 64), [Float](repeating: 0, count: 63)])
        }
    }
}
