import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKProof

/// Tampered inference proofs of digits_mlp_small (one sample): every single-byte mutation, wrong
/// statement, wrong model, truncation, extension and reordering is refused by the decoder or
/// rejected by the verifier with a typed error, and never accepted. Error cases are asserted
/// exactly where the wire format or the protocol order determines them.
@Suite("Inference proof rejections")
struct InferenceRejectionTests {
    // MARK: Random single-byte mutations

    struct MutationChunk: Sendable, CustomTestStringConvertible {
        enum Region: String, Sendable {
            /// The first 200 bytes: the statement part of the header (the witness commitment's
            /// rows follow it).
            case header
            /// The first 4 KiB of the body: the last layers' claims and sumchecks.
            case bodyStart
            /// Anywhere: mostly the PCS openings, which are most of the file.
            case wholeFile
        }

        var region: Region
        var index: Int
        var count: Int
        var seed: UInt64 { 0x5EED_0000 &+ UInt64(index) }
        var testDescription: String { "\(region.rawValue) #\(index) (\(count) mutations, seed \(String(seed, radix: 16)))" }
    }

    /// 1,360 mutations in eight chunks, so Swift Testing runs them in parallel. Whole-file
    /// mutations mostly land in the openings and cost a full verification (~20 ms) each; header
    /// and body-start ones fail within the first checks.
    static let chunks: [MutationChunk] =
        [MutationChunk(region: .header, index: 0, count: 200), MutationChunk(region: .header, index: 1, count: 200),
         MutationChunk(region: .bodyStart, index: 2, count: 180), MutationChunk(region: .bodyStart, index: 3, count: 180)]
        + (4..<8).map { MutationChunk(region: .wholeFile, index: $0, count: 150) }

    @Test("random single-byte mutations are never accepted, and fail where the format says", arguments: chunks)
    func singleByteMutations(_ chunk: MutationChunk) throws {
        let reference = try ReferenceProof.get()
        let bytes = reference.bytes
        let header = ProofHeaderLayout(reference.proof)
        try #require(header.bodyStart + reference.proof.body.count == bytes.count)
        let range: Range<Int>
        switch chunk.region {
        case .header: range = 0..<min(200, bytes.count)
        case .bodyStart: range = header.bodyStart..<min(header.bodyStart + 4096, bytes.count)
        case .wholeFile: range = 0..<bytes.count
        }
        var rng = SplitMix64(seed: chunk.seed)
        var accepted = 0
        for _ in 0..<chunk.count {
            var mutated = bytes
            let offset = range.lowerBound + Int(rng.next() % UInt64(range.count))
            mutated[offset] ^= UInt8(1 + rng.next() % 255)
            let outcome = TamperOutcome(bytes: mutated, descriptor: reference.descriptor)
            let context: Comment = "byte \(offset): \(bytes[offset]) → \(mutated[offset]) (\(chunk.testDescription)): \(outcome)"
            if outcome.isAccepted { accepted += 1 }
            Self.checkMutation(at: offset, mutated: mutated, outcome: outcome, header: header, reference: reference, context)
        }
        #expect(accepted == 0, "\(accepted) mutated proofs accepted (\(chunk.testDescription))")
    }

    /// What a mutation of the byte at `offset` must give, field by field of the `.zkp` format.
    static func checkMutation(
        at offset: Int, mutated: [UInt8], outcome: TamperOutcome, header: ProofHeaderLayout,
        reference: ReferenceProof, _ context: Comment
    ) {
        let descriptor = reference.descriptor
        func u32(_ range: Range<Int>) -> Int {
            mutated[range].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        let error = outcome.verificationError
        switch offset {
        case header.magic:
            guard case .badMagic? = outcome.decodingError else { Issue.record(context); return }
        case header.version:
            guard case .unsupportedVersion(what: "proof", _, supported: Int(InferenceProof.version))? = outcome.decodingError else {
                Issue.record(context)
                return
            }
        case header.modelID:
            let forged = Digest(bytes: mutated[header.modelID])
            #expect(error == .modelMismatch(expected: descriptor.modelID, got: forged), context)
        case header.batchSize:
            let batch = u32(header.batchSize)
            if batch == 0 {
                guard case .invalidValue(what: "batch size", _, _)? = outcome.decodingError else { Issue.record(context); return }
            } else if batch > ProofParameters.maximumBatchSize {
                guard case .limitExceeded(what: "batch size", _, _, _)? = outcome.decodingError else { Issue.record(context); return }
            } else {
                // The input no longer fills the claimed batch.
                #expect(error == .statementMismatch(what: "input length", expected: header.inputCount * batch,
                                                    got: header.inputCount), context)
            }
        case header.witnessVariables:
            // Another variable count means another number of rows: the rows, the body length and
            // the body no longer line up, or the count is over the limit.
            #expect(outcome.decodingError != nil || (error.map { if case .statementMismatch = $0 { true } else { false } } ?? false),
                    context)
        case header.witnessRows:
            // Either not a point any more, or another commitment: bound by the transcript.
            if outcome.decodingError == nil { #expect(error?.location != nil, context) }
        case header.inputLength, header.outputLength, header.bodyLength:
            // Every later field shifts: the decoder or the statement check refuses.
            #expect(outcome.decodingError != nil || (error.map { if case .statementMismatch = $0 { true } else { false } } ?? false),
                    context)
        case header.input, header.output:
            // Bound by the transcript: every challenge differs, so the relations over the
            // committed values fail (checked together at the end).
            #expect(error?.location != nil, context)
            #expect(error?.isModelMismatch == false, context)
        default:
            // The body is opaque to the decoder; the verifier rejects inside the protocol.
            #expect(offset >= header.bodyStart, context)
            #expect(outcome.decodingError == nil, context)
            #expect(error?.location != nil, context)
        }
    }

    // MARK: Wrong statement

    @Test("a wrong output is rejected by the relations over the commitments, not as another model")
    func wrongOutput() throws {
        let reference = try ReferenceProof.get()
        for index in [0, reference.proof.output.count - 1] {
            var proof = reference.proof
            proof.output[index] = proof.output[index] == 127 ? 126 : proof.output[index] + 1
            let outcome = TamperOutcome(bytes: proof.encoded(), descriptor: reference.descriptor)
            Self.expectRejectedInsideProtocol(outcome, reference, "output[\(index)] changed")
        }
    }

    @Test("a wrong input is rejected inside the protocol, not as another model")
    func wrongInput() throws {
        let reference = try ReferenceProof.get()
        for index in [0, 27, reference.proof.input.count - 1] {
            var proof = reference.proof
            proof.input[index] = proof.input[index] == -128 ? -127 : proof.input[index] - 1
            let outcome = TamperOutcome(bytes: proof.encoded(), descriptor: reference.descriptor)
            Self.expectRejectedInsideProtocol(outcome, reference, "input[\(index)] changed")
        }
        // The statement is what the model maps: another sample's input with this output is false.
        var proof = reference.proof
        proof.input = try ZooModel(name: "digits_mlp_small").testInputs(2)[1].scalars
        #expect(proof.input != reference.proof.input)
        Self.expectRejectedInsideProtocol(TamperOutcome(proof: proof, descriptor: reference.descriptor), reference, "other sample's input")
    }

    /// The transcript absorbs the statement first, so any change in it (input, output, circuit,
    /// weights) changes every challenge. The zero-knowledge verifier sees only commitments along
    /// the way and defers the relations over them to the end, so the first check that fails is
    /// the first one made at once: the witness opening's inner-product argument (its point comes
    /// from the changed challenges). A circuit of another shape may instead read the body with
    /// other lengths and find a malformed message inside the protocol.
    static func expectRejectedInsideProtocol(_ outcome: TamperOutcome, _ reference: ReferenceProof, _ comment: Comment) {
        guard let error = outcome.verificationError else {
            Issue.record("\(comment): \(outcome)")
            return
        }
        switch error {
        case .rejected(at: .witnessOpening, .openingArgumentInvalid), .committedRelationFailed(at: .relations, _): return
        case .malformedProof(let location, _) where location != .statement: return
        default: Issue.record("\(comment): expected the witness opening or the relations to fail, got \(error)")
        }
    }

    @Test("input or output of the wrong length: statement mismatch")
    func statementLengths() throws {
        let reference = try ReferenceProof.get()
        let (inputCount, outputCount) = (reference.proof.input.count, reference.proof.output.count)
        var proof = reference.proof
        proof.input.removeLast()
        #expect(throws: InferenceVerificationError.statementMismatch(what: "input length", expected: inputCount, got: inputCount - 1)) {
            try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: reference.descriptor)
        }
        proof = reference.proof
        proof.output.append(0)
        #expect(throws: InferenceVerificationError.statementMismatch(what: "output length", expected: outputCount, got: outputCount + 1)) {
            try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: reference.descriptor)
        }
        proof = reference.proof
        let variables = proof.witnessCommitment.variableCount
        proof.witnessCommitment.variableCount += 1
        #expect(throws: InferenceVerificationError.statementMismatch(
            what: "witness polynomial variables", expected: variables, got: variables + 1)) {
            try InferenceVerifier.verify(proof, descriptor: reference.descriptor)
        }
    }

    @Test("the batch size in the header is part of the statement")
    func batchSizeChanged() throws {
        let reference = try ReferenceProof.get()
        let header = ProofHeaderLayout(reference.proof)
        let inputCount = reference.proof.input.count
        func withBatchSize(_ size: UInt32, _ bytes: [UInt8]) -> [UInt8] {
            var bytes = bytes
            bytes.replaceSubrange(header.batchSize, with: withUnsafeBytes(of: size.littleEndian, Array.init))
            return bytes
        }
        for size: UInt32 in [2, 3, 1024] {
            let outcome = TamperOutcome(bytes: withBatchSize(size, reference.bytes), descriptor: reference.descriptor)
            #expect(outcome.verificationError == .statementMismatch(what: "input length", expected: inputCount * Int(size), got: inputCount),
                    "batch size \(size): \(outcome)")
        }
        let zero = TamperOutcome(bytes: withBatchSize(0, reference.bytes), descriptor: reference.descriptor)
        #expect(zero.decodingError == .invalidValue(what: "batch size", offset: header.batchSize.lowerBound, reason: "zero"), "\(zero)")
        let huge = TamperOutcome(bytes: withBatchSize(1025, reference.bytes), descriptor: reference.descriptor)
        #expect(huge.decodingError == .limitExceeded(what: "batch size", offset: header.batchSize.lowerBound, value: 1025,
                                                      limit: ProofParameters.maximumBatchSize), "\(huge)")

        // A real batch of two relabelled as one sample: the statement no longer adds up.
        let zoo = ZooModel(name: "digits_mlp_small")
        var pair = try reference.prover.prove(zoo.testInputs(2))
        try #require(try InferenceVerifier.verify(pair, descriptor: reference.descriptor).count == 2)
        pair.batchSize = 1
        #expect(TamperOutcome(proof: pair, descriptor: reference.descriptor).verificationError
                == .statementMismatch(what: "input length", expected: inputCount, got: 2 * inputCount))
        // And a single-sample proof cut down to the first sample's statement is not a proof of it.
        pair.input = Array(pair.input.prefix(inputCount))
        pair.output = Array(pair.output.prefix(reference.proof.output.count))
        let cut = TamperOutcome(proof: pair, descriptor: reference.descriptor)
        #expect(cut.verificationError != nil && cut.verificationError?.isModelMismatch == false, "\(cut)")
    }

    // MARK: Wrong model

    @Test("a forged model ID is a model mismatch")
    func wrongModelID() throws {
        let reference = try ReferenceProof.get()
        var proof = reference.proof
        var idBytes = proof.modelID.bytes
        idBytes[31] ^= 0x80
        proof.modelID = Digest(bytes: idBytes)
        #expect(throws: InferenceVerificationError.modelMismatch(expected: reference.descriptor.modelID, got: proof.modelID)) {
            try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: reference.descriptor)
        }
    }

    @Test("another zoo model's descriptor is a model mismatch; with the ID forged the proof is still rejected")
    func otherModelsDescriptor() throws {
        let reference = try ReferenceProof.get()
        for name in ["digits_mlp", "digits_cnn"] {
            let other = try ZooModel(name: name).prover().descriptor
            #expect(throws: InferenceVerificationError.modelMismatch(expected: other.modelID, got: reference.proof.modelID)) {
                try InferenceVerifier.verify(reference.proof, descriptor: other)
            }
            var forged = reference.proof
            forged.modelID = other.modelID
            let outcome = TamperOutcome(proof: forged, descriptor: other)
            #expect(outcome.verificationError != nil && outcome.verificationError?.isModelMismatch == false, "\(name): \(outcome)")
        }
    }

    @Test("a proof of another model is a model mismatch")
    func proofOfAnotherModel() throws {
        let reference = try ReferenceProof.get()
        let zoo = ZooModel(name: "digits_mlp")
        let other = try zoo.prover()
        let proof = try other.prove(zoo.testInputs(1))
        #expect(try InferenceVerifier.verify(proof, descriptor: other.descriptor).count == 1)
        #expect(throws: InferenceVerificationError.modelMismatch(expected: reference.descriptor.modelID, got: other.descriptor.modelID)) {
            try InferenceVerifier.verify(proof, descriptor: reference.descriptor)
        }
    }

    @Test("another circuit (one rescale shift changed) is a model mismatch; with the ID forged it is rejected")
    func wrongCircuit() throws {
        let reference = try ReferenceProof.get()
        var model = reference.prover.model
        guard case let .dense(weights, bias, rescale) = model.layers[0].operation else {
            Issue.record("layer 0 of digits_mlp_small is not dense")
            return
        }
        model.layers[0].operation = .dense(weights: weights, bias: bias, rescale: Rescale(
            multipliers: rescale.multipliers, shift: rescale.shift + 1, lower: rescale.lower, upper: rescale.upper))
        let descriptor = ModelCommitment.commit(model, circuit: Circuit(compiling: model), blindingSeed: testBlindingSeed).descriptor
        // Same weights, so the same weights commitment: only the circuit differs.
        #expect(descriptor.weightsCommitment == reference.descriptor.weightsCommitment)
        #expect(descriptor.circuit.digest != reference.descriptor.circuit.digest)
        #expect(throws: InferenceVerificationError.modelMismatch(expected: descriptor.modelID, got: reference.proof.modelID)) {
            try InferenceVerifier.verify(reference.proof, descriptor: descriptor)
        }
        var forged = reference.proof
        forged.modelID = descriptor.modelID
        Self.expectRejectedInsideProtocol(TamperOutcome(proof: forged, descriptor: descriptor), reference, "circuit with another shift")
    }

    @Test("another weights commitment (one weight changed) is a model mismatch; with the ID forged it is rejected")
    func swappedWeightsCommitment() throws {
        let reference = try ReferenceProof.get()
        var model = reference.prover.model
        guard case let .dense(weights, bias, rescale) = model.layers[0].operation else {
            Issue.record("layer 0 of digits_mlp_small is not dense")
            return
        }
        var scalars = weights.scalars
        scalars[5] = scalars[5] == 0 ? 1 : 0
        model.layers[0].operation = .dense(weights: Tensor(shape: weights.shape, scalars: scalars), bias: bias, rescale: rescale)
        let descriptor = ModelCommitment.commit(model, circuit: Circuit(compiling: model), blindingSeed: testBlindingSeed).descriptor
        // Same circuit, so only the weights commitment differs.
        #expect(descriptor.circuit == reference.descriptor.circuit)
        #expect(descriptor.weightsCommitment != reference.descriptor.weightsCommitment)
        #expect(throws: InferenceVerificationError.modelMismatch(expected: descriptor.modelID, got: reference.proof.modelID)) {
            try InferenceVerifier.verify(reference.proof, descriptor: descriptor)
        }
        var forged = reference.proof
        forged.modelID = descriptor.modelID
        Self.expectRejectedInsideProtocol(TamperOutcome(proof: forged, descriptor: descriptor), reference, "other weights commitment")
    }

    @Test("a descriptor whose circuit cannot be proven: unsupported circuit, with the compiler's reason")
    func unsupportedCircuit() throws {
        let reference = try ReferenceProof.get()
        let fixture = "conv_group_3_per_group"
        let graph = try ONNXImporter.importModel(contentsOf: OperatorFixtures.url(fixture))
        let model = try Quantizer(graph: graph).quantize(calibration: try OperatorFixtures.reference(fixture).inputs)
        let descriptor = ModelCommitment.commit(model, circuit: Circuit(compiling: model), blindingSeed: testBlindingSeed).descriptor
        var forged = reference.proof
        forged.modelID = descriptor.modelID
        let outcome = TamperOutcome(proof: forged, descriptor: descriptor)
        guard case .unsupportedCircuit(.unsupported(layer: 0, _, _))? = outcome.verificationError else {
            Issue.record("expected unsupportedCircuit at layer 0, got \(outcome)")
            return
        }
    }

    // MARK: Truncation, extension, reordering

    @Test("every prefix of the header and sampled prefixes of the file are truncated encodings")
    func truncatedFile() throws {
        let reference = try ReferenceProof.get()
        let bytes = reference.bytes
        let header = ProofHeaderLayout(reference.proof)
        var rng = SplitMix64(seed: 0x7256)
        let lengths = Array(0..<min(300, bytes.count)) + (0..<300).map { _ in Int(rng.next() % UInt64(bytes.count)) } + [bytes.count - 1]
        for length in lengths {
            let outcome = TamperOutcome(bytes: Array(bytes[..<length]), descriptor: reference.descriptor)
            guard case let .truncated(what, _, _, _)? = outcome.decodingError else {
                Issue.record("prefix of \(length) bytes: \(outcome)")
                continue
            }
            if length > header.bodyStart { #expect(what == "body", "prefix of \(length) bytes: \(outcome)") }
        }
    }

    @Test("a body cut short and re-encoded is malformed where the cut falls")
    func truncatedBody() throws {
        let reference = try ReferenceProof.get()
        let body = reference.proof.body
        let lastLayer = reference.prover.model.layers.count - 1
        for length in [0, 1, 31, 32, 33, 1000, body.count / 3, body.count / 2, body.count - 32, body.count - 1] {
            var proof = reference.proof
            proof.body = Array(body.prefix(length))
            let outcome = TamperOutcome(bytes: proof.encoded(), descriptor: reference.descriptor)
            guard case let .malformedProof(location, .truncated)? = outcome.verificationError else {
                Issue.record("body cut to \(length) bytes: \(outcome)")
                continue
            }
            // The body starts with the last layer and ends with the proof of the linear relations.
            if length < 32 { #expect(location.layerIndex == lastLayer, "body cut to \(length): \(outcome)") }
            if length >= body.count - LinearRelationProof.byteCount { #expect(location == .relations, "body cut to \(length): \(outcome)") }
        }
    }

    @Test("trailing bytes: after the file a decoding error, after the body a malformed proof")
    func trailingBytes() throws {
        let reference = try ReferenceProof.get()
        let bytes = reference.bytes
        for extra in [[UInt8](repeating: 0, count: 1), [0xFF], [UInt8](repeating: 0, count: 32), Array(bytes.prefix(100))] {
            #expect(throws: DecodingError.trailingBytes(offset: bytes.count, count: extra.count)) {
                try InferenceProof(decoding: bytes + extra)
            }
            var proof = reference.proof
            proof.body += extra
            #expect(throws: InferenceVerificationError.malformedProof(
                at: .relations, .trailingBytes(offset: reference.proof.body.count, count: extra.count))) {
                try InferenceVerifier.verify(InferenceProof(decoding: proof.encoded()), descriptor: reference.descriptor)
            }
        }
    }

    /// The body opens with commitments only (claims and sumcheck messages, 64 bytes each, all
    /// valid points) up to the first relation proof; swapping two neighbours keeps every point
    /// valid, so only the transcript order can catch it.
    @Test("two adjacent commitments of the body swapped (a reordered transcript): rejected")
    func swappedCommitments() throws {
        let reference = try ReferenceProof.get()
        let body = reference.proof.body
        var swapped = 0
        for element in [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89] where (element + 2) * 64 <= min(body.count, 8192) {
            let first = element * 64, second = first + 64
            guard body[first..<second] != body[second..<(second + 64)] else { continue }
            var proof = reference.proof
            proof.body.replaceSubrange(first..<(second + 64), with: body[second..<(second + 64)] + body[first..<second])
            let outcome = TamperOutcome(bytes: proof.encoded(), descriptor: reference.descriptor)
            swapped += 1
            guard let error = outcome.verificationError, error.location != nil else {
                Issue.record("elements \(element) and \(element + 1) swapped: \(outcome)")
                continue
            }
            if element == 0 {
                // The last layer's quotient and first remainder limb commitments: the transcript
                // absorbed them in the other order, so every later challenge differs and the first
                // check made at once, the witness opening, fails.
                guard case .rejected(at: .witnessOpening, .openingArgumentInvalid) = error else {
                    Issue.record("elements 0 and 1 swapped: \(error)")
                    continue
                }
            }
        }
        #expect(swapped >= 8)
    }
}
