import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKProof

/// The inference prover and verifier end to end: every zoo model proves and verifies its first
/// test sample with the outputs of integer inference, batches prove per-sample outputs, proofs
/// are deterministic, and the prover stops with its typed errors on inputs it cannot prove.
@Suite("Inference proofs")
struct InferenceProofTests {
    @Test("prove and verify the first test sample; the verified output is integer inference's", arguments: ZooModel.all)
    func proveAndVerify(_ zoo: ZooModel) throws {
        let prover = try zoo.prover()
        let model = prover.model
        let input = try zoo.testInputs(1)[0]
        let expected = model.infer(input).output

        var stages = [String]()
        let proof = try prover.prove([input]) { stages.append($0) }
        #expect(!stages.isEmpty, "the prover reports its stages")
        #expect(proof.modelID == prover.descriptor.modelID)
        #expect(proof.batchSize == 1)
        #expect(proof.input == input.scalars)
        #expect(proof.output == expected.scalars)
        #expect(proof.outputs(shape: model.outputShape) == [expected])

        // A verifier holds only the published descriptor and the proof file.
        let descriptor = try ModelDescriptor(decoding: prover.descriptor.encoded())
        let decoded = try InferenceProof(decoding: proof.encoded())
        #expect(decoded == proof)
        let verified = try InferenceVerifier.verify(decoded, descriptor: descriptor)
        #expect(verified == [expected], "\(zoo.name)")
        #expect(verified.first?.shape == model.outputShape)
    }

    @Test("a prover asked to stop gives up with .stopped: before inference, or between layers")
    func stopsWhenAsked() throws {
        let zoo = ZooModel(name: "digits_cnn")
        let prover = try zoo.prover()
        let input = try zoo.testInputs(1)[0]
        #expect(throws: InferenceProverError.stopped(stage: "inference")) { try prover.prove([input], shouldStop: { true }) }
        // Asked once per stage and layer: answering true on the fourth question stops inside the protocol.
        var asked = 0
        do {
            _ = try prover.prove([input], shouldStop: { asked += 1; return asked >= 4 })
            Issue.record("the prover did not stop")
        } catch {
            guard case let .stopped(stage) = error else { Issue.record("stopped with \(error)"); return }
            #expect(stage.hasPrefix("layer"), "\(stage)")
        }
        #expect(asked == 4)
        // Never asked to stop: a proof that verifies.
        let proof = try prover.prove([input], shouldStop: { false })
        #expect(try InferenceVerifier.verify(proof, descriptor: prover.descriptor) == [prover.model.infer(input).output])
    }

    @Test("a batch of 3 samples proves each sample's output", arguments: ["digits_mlp_small", "digits_cnn"])
    func batchOfThree(_ name: String) throws {
        let zoo = ZooModel(name: name)
        let prover = try zoo.prover()
        let inputs = try zoo.testInputs(3)
        let expected = inputs.map { prover.model.infer($0).output }
        // The samples differ, so a per-sample mix-up would show.
        #expect(Set(expected.map(\.scalars)).count == 3)

        let proof = try prover.prove(inputs)
        #expect(proof.batchSize == 3)
        #expect(proof.input == inputs.flatMap(\.scalars))
        let verified = try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: prover.descriptor)
        #expect(verified == expected, "\(name)")

        // The batch proof is not the single-sample proof: its batch size is part of the statement.
        let single = try prover.prove([inputs[0]])
        #expect(single.encoded() != proof.encoded())
        #expect(try InferenceVerifier.verify(single, descriptor: prover.descriptor) == [expected[0]])
    }

    @Test("proofs are randomised by the system CSPRNG, and reproducible only with explicit deterministic randomness")
    func determinism() throws {
        let zoo = ZooModel(name: "digits_mlp_small")
        let prover = try zoo.prover()
        let inputs = try zoo.testInputs(2)
        let first = try prover.prove(inputs, randomness: ProverRandomness(derivedFrom: "determinism")).encoded()
        #expect(try prover.prove(inputs, randomness: ProverRandomness(derivedFrom: "determinism")).encoded() == first)
        let fresh = InferenceProver(committed: CommittedModel(committing: try zoo.imported().model, blindingSeed: testBlindingSeed))
        #expect(fresh.descriptor == prover.descriptor)
        #expect(try fresh.prove(inputs, randomness: ProverRandomness(derivedFrom: "determinism")).encoded() == first)
        // With the system's randomness two proofs of the same statement differ, and both verify.
        let (a, b) = (try prover.prove(inputs), try prover.prove(inputs))
        #expect(a.encoded() != b.encoded())
        try InferenceVerifier.verify(a, descriptor: prover.descriptor)
        try InferenceVerifier.verify(b, descriptor: prover.descriptor)
        // Another input gives another proof.
        #expect(try prover.prove(Array(inputs.reversed()), randomness: ProverRandomness(derivedFrom: "determinism")).encoded() != first)
    }

    @Test("an empty batch is refused")
    func emptyBatch() throws {
        let prover = try ZooModel(name: "digits_mlp_small").prover()
        #expect(throws: InferenceProverError.emptyBatch) { try prover.prove([]) }
    }

    @Test("an input of the wrong shape is refused, naming the sample")
    func wrongInputShape() throws {
        let prover = try ZooModel(name: "digits_mlp_small").prover()
        let expectedShape = prover.model.inputShape
        let good = try ZooModel(name: "digits_mlp_small").testInputs(1)[0]
        let short = Tensor<Int8>(shape: [1, 63], repeating: 0)
        #expect(throws: InferenceProverError.inputShapeMismatch(index: 0, expected: expectedShape, got: [1, 63])) {
            try prover.prove([short])
        }
        #expect(throws: InferenceProverError.inputShapeMismatch(index: 2, expected: expectedShape, got: [1, 63])) {
            try prover.prove([good, good, short])
        }
        // Same element count, other shape: still refused.
        let reshaped = Tensor(shape: [1, 8, 8], scalars: good.scalars)
        #expect(throws: InferenceProverError.inputShapeMismatch(index: 1, expected: expectedShape, got: [1, 8, 8])) {
            try prover.prove([good, reshaped])
        }
        // digits_cnn takes NCHW images: the MLP's flat input is not one.
        let cnn = try ZooModel(name: "digits_cnn").prover()
        #expect(throws: InferenceProverError.inputShapeMismatch(index: 0, expected: cnn.model.inputShape, got: expectedShape)) {
            try cnn.prove([good])
        }
    }

    @Test("a batch above the maximum is refused before any work")
    func oversizedBatch() throws {
        let prover = try ZooModel(name: "digits_mlp_small").prover()
        let input = Tensor<Int8>(shape: prover.model.inputShape, repeating: 0)
        let size = ProofParameters.maximumBatchSize + 1
        #expect(throws: InferenceProverError.compilation(.invalidBatchSize(size))) {
            try prover.prove([Tensor<Int8>](repeating: input, count: size))
        }
    }

    /// A model whose first rescale multipliers are 2^10 times too large pushes pre-clamp
    /// quotients far beyond the clamp table's 14-bit domain: the prover must stop, not prove a
    /// clamped value it cannot justify.
    @Test("a quotient outside the clamp table's domain stops the prover with the layer")
    func quotientOutsideClampDomain() throws {
        var model = try ZooModel(name: "digits_mlp_small").imported().model
        guard case let .dense(weights, bias, rescale) = model.layers[0].operation else {
            Issue.record("layer 0 of digits_mlp_small is not dense")
            return
        }
        let scaled = Rescale(multipliers: rescale.multipliers.map { $0 << 10 }, shift: rescale.shift,
                             lower: rescale.lower, upper: rescale.upper)
        model.layers[0].operation = .dense(weights: weights, bias: bias, rescale: scaled)
        let input = try ZooModel(name: "digits_mlp_small").testInputs(1)[0]
        let prover = InferenceProver(model: model)
        let error = #expect(throws: InferenceProverError.self) { try prover.prove([input]) }
        guard case let .quotientOutsideClampDomain(layer, quotient, bits)? = error else {
            Issue.record("expected quotientOutsideClampDomain, got \(String(describing: error))")
            return
        }
        #expect(layer == 0)
        #expect(bits == ProofParameters.quotientBits)
        #expect(quotient < -(1 << (bits - 1)) || quotient >= 1 << (bits - 1), "quotient \(quotient) is inside the domain")
    }
}

/// Every importable one-operator fixture of `Tests/Fixtures/onnx` goes through the prover: it is
/// proven and verified, or the circuit compiler refuses it with the error listed below. The list
/// is exact, so a newly supported operator and a newly refused one both fail this suite.
@Suite("Inference proofs of the one-operator fixtures")
struct OperatorFixtureProofTests {
    enum ExpectedRefusal: Equatable {
        /// `CircuitCompilationError.unsupported`, with a reason containing the text.
        case unsupported(reasonContaining: String)
        /// `CircuitCompilationError.emptyModel`: nothing to prove.
        case emptyModel
    }

    /// Fixtures the circuit compiler refuses, and why.
    static let refused: [String: ExpectedRefusal] = [
        // A grouped convolution indexes a channel as (group, channel within the group), so both
        // per-group channel counts must be powers of two.
        "conv_group_3_per_group": .unsupported(reasonContaining: "power-of-two number of input and output channels per group"),
        // transA=1: the input [8, 1] is a column, so its leading axis is not one sample (the
        // batch axis the prover fills).
        "gemm_transA1": .unsupported(reasonContaining: "leading dimension"),
        // Flatten(axis=2) of [1, 2, 3, 4] is [2, 12]: it folds the batch axis into the rows.
        "flatten_axis2": .unsupported(reasonContaining: "does not hold shape"),
        // Identity, Dropout and the trailing Softmax vanish on import; Flatten and Reshape alone
        // are relabellings of the input. Either way the output is the public input itself and
        // the circuit has no layer that computes anything.
        "identity": .emptyModel, "dropout": .emptyModel, "softmax": .emptyModel, "log_softmax": .emptyModel,
        "flatten": .emptyModel, "reshape": .emptyModel, "reshape_zero": .emptyModel,
    ]

    /// Fixtures that quantize: all of them.
    static let quantizable = OperatorFixtures.importable

    @Test("the refusal list names only quantizable fixtures")
    func refusalListIsCurrent() {
        #expect(Set(Self.refused.keys).isSubset(of: Self.quantizable))
    }

    @Test("proven and verified on its three samples (a changed output rejected), or refused as listed", arguments: quantizable)
    func proveFixture(_ name: String) throws {
        let reference = try OperatorFixtures.reference(name)
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url(name))
        let model = try Quantizer(graph: graph).quantize(calibration: reference.inputs)
        let inputs = reference.inputs.map { model.quantizeInput($0) }
        let prover = InferenceProver(model: model)

        let proof: InferenceProof
        do {
            proof = try prover.prove(inputs)
        } catch {
            switch (error, Self.refused[name]) {
            case let (.compilation(.unsupported(_, _, reason)), .unsupported(expected)?):
                #expect(reason.contains(expected), "\(name): refused for another reason: \(reason)")
            case (.compilation(.emptyModel), .emptyModel?):
                break
            default:
                Issue.record("\(name): prover failed with \(error); expected \(String(describing: Self.refused[name]))")
            }
            // The verifier refuses the same circuit the same way.
            if case let .compilation(compilation) = error {
                #expect(throws: compilation) { try CircuitPlan(circuit: prover.descriptor.circuit, batchSize: inputs.count) }
            }
            return
        }
        #expect(Self.refused[name] == nil, "\(name) is listed as refused but was proven: update the list")
        let expected = inputs.map { model.infer($0).output }
        let verified = try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: prover.descriptor)
        #expect(verified == expected, "\(name)")
        // And a single sample alone (batch padding differs from the batch of three).
        let single = try prover.prove([inputs[2]])
        #expect(try InferenceVerifier.verify(single, descriptor: prover.descriptor) == [expected[2]], "\(name)")
        // A claimed output that differs in one value (the first, a middle one, the last) is rejected.
        for index in Set([0, single.output.count / 2, single.output.count - 1]) {
            var forged = single
            forged.output[index] = forged.output[index] == 127 ? 126 : forged.output[index] + 1
            #expect(throws: InferenceVerificationError.self, "\(name): output \(index) changed") {
                try InferenceVerifier.verify(forged, descriptor: prover.descriptor)
            }
        }
    }

    /// ONNX models may declare any static input shape, and the importer, the quantizer and
    /// integer inference accept a leading dimension other than 1 (one sample of shape [2, 4]).
    /// The circuit compiler takes axis 0 as the batch axis, so it must either prove such a model
    /// on its whole input or refuse it with `.unsupported`; a plan whose input layout does not
    /// hold one sample would make the prover trap (`TensorLayout.embed`'s precondition), so this
    /// test stops before proving in that case.
    @Test("a model input with a leading dimension other than 1 is proven whole or refused",
          arguments: ["Relu", "Sigmoid", "Gemm"])
    func leadingInputDimension(_ operation: String) throws {
        let node: CraftedModelTests.ONNXModel.Node
        var initializers = [CraftedModelTests.ONNXModel.Initializer]()
        if operation == "Gemm" {
            node = .init(name: "fc", opType: "Gemm", inputs: ["input", "W", "B"], ints: ["transB": 1])
            initializers = [.init(name: "W", dims: [3, 4], floats: (0..<12).map { Float($0) / 10 - 0.5 }),
                            .init(name: "B", dims: [3], floats: [0.1, 0, -0.1])]
        } else {
            node = .init(name: "activation", opType: operation, inputs: ["input"])
        }
        let graph = try CraftedModelTests.ONNXModel(inputShape: [2, 4], nodes: [node], initializers: initializers).imported()
        let samples: [[Float]] = (0..<3).map { sample in (0..<8).map { Float(($0 * 7 + sample * 3) % 11) / 5 - 1 } }
        let model = try Quantizer(graph: graph).quantize(calibration: samples)
        #expect(model.inputShape == [2, 4])
        let input = model.quantizeInput(samples[0])
        let prover = InferenceProver(model: model)

        let plan: CircuitPlan
        do {
            plan = try CircuitPlan(circuit: prover.descriptor.circuit, batchSize: 1)
        } catch {
            guard case .unsupported = error else {
                Issue.record("\(operation): refused with \(error), expected .unsupported")
                return
            }
            #expect(throws: InferenceProverError.compilation(error)) { try prover.prove([input]) }
            return
        }
        try #require(plan.layouts[plan.inputRoot].realCount == input.count,
                     """
                     bug: \(operation) on input [2, 4] compiles to an input layout \(plan.layouts[plan.inputRoot].shape) \
                     that holds \(plan.layouts[plan.inputRoot].realCount) of the sample's \(input.count) values; \
                     InferenceProver.prove would trap in TensorLayout.embed (ProofWitness.init)
                     """)
        let proof = try prover.prove([input])
        #expect(try InferenceVerifier.verify(proof, descriptor: prover.descriptor) == [model.infer(input).output])
    }
}
