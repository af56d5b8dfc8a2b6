import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKProof
import ZKTestSupport

/// The circuit description, the weights layout, the model commitment and the `.zkpub` descriptor.
@Suite("Model commitment and descriptor")
struct ModelCommitmentTests {
    /// Pins the whole chain quantization → skeleton encoding → layout → Ligero commitment → model
    /// ID. A change here changes every registered model's identity: regenerate only on purpose.
    /// With the golden files' (public) blinding seed; with a fresh seed only the circuit digest is fixed.
    @Test("golden circuit digest, weights commitment and model ID of digits_mlp_small")
    func goldenIdentity() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        let circuit = Circuit(compiling: model)
        let (descriptor, _) = ModelCommitment.commit(model, circuit: circuit, blindingSeed: BlindingSeed(derivedFrom: "golden"))
        #expect(circuit.digest.hex == "9b8985a9c9283b536580405d5f360d374a3c77773a6ec65b3c9856f342a4d258")
        #expect(descriptor.weightsCommitment.digest.hex == "217d48bf1701c65f4959c54ac2bd1304126af23b05ff2d95064359a76e64c1c1")
        #expect(descriptor.modelID.hex == "8435768da73491116abf5c65b0caa7fc64ac14260c94244e133ea04117964dc7")
        let fresh = ModelCommitment.commit(model, circuit: circuit).descriptor
        #expect(fresh.circuit.digest == circuit.digest && fresh.modelID != descriptor.modelID, "a fresh seed hides equal weights")
    }

    @Test("segments are aligned, disjoint and hold every weight at its padded position", arguments: ZooModel.all)
    func layoutPlacesEveryTensor(_ zoo: ZooModel) throws {
        let model = try zoo.imported().model
        let layout = WeightsLayout(model: model)
        #expect(WeightsLayout(model: model.skeleton) == layout, "\(zoo.name): the layout depends on shapes only")
        let values = layout.values(of: model)
        #expect(values.count == 1 << layout.variableCount)
        var end = 0
        for segment in layout.segments {
            #expect(segment.offset % segment.size == 0, "\(zoo.name): segment \(segment.layer)/\(segment.role) misaligned")
            #expect(segment.offset >= end, "\(zoo.name): segments overlap")
            end = segment.offset + segment.size
        }
        #expect(end <= values.count)
        var placed = 0
        for (index, layer) in model.layers.enumerated() {
            let parameters: (Tensor<Int8>, [Int32])
            switch layer.operation {
            case let .dense(weights, bias, _), let .conv(weights, bias, _, _): parameters = (weights, bias)
            default: continue
            }
            let weights = try #require(layout.segment(layer: index, role: .weights))
            let bias = try #require(layout.segment(layer: index, role: .bias))
            // Spot-check the first, last and a middle element of each tensor by coordinates.
            let shape = weights.shape  // [outputs] + the unflattened features for a Dense after a Flatten
            for flat in Set([0, parameters.0.count / 2, parameters.0.count - 1]) {
                var coordinates = [Int](), rest = flat
                for axis in shape.indices.reversed() { coordinates.insert(rest % shape[axis], at: 0); rest /= shape[axis] }
                var position = 0
                for (axis, coordinate) in coordinates.enumerated() { position = position * weights.paddedShape[axis] + coordinate }
                #expect(values[weights.offset + position] == Int64(parameters.0.scalars[flat]), "\(zoo.name) layer \(index)")
            }
            for (i, b) in parameters.1.enumerated() { #expect(values[bias.offset + i] == Int64(b)) }
            placed += parameters.0.count + parameters.1.count
        }
        #expect(values.filter { $0 != 0 }.count <= placed)
    }

    /// A claim on one tensor's own multilinear extension is the claim at `globalPoint` on the
    /// committed polynomial: the identity the prover's weight openings rely on.
    @Test("segment evaluations equal the committed polynomial at the lifted point", arguments: ["digits_mlp_small", "digits_cnn"])
    func globalPointLiftsSegmentClaims(_ name: String) throws {
        let model = try ZooModel(name: name).imported().model
        let layout = WeightsLayout(model: model)
        let committed = ModelCommitment.weightsPolynomial(model, layout: layout)
        let values = layout.values(of: model)
        var rng = SeededGenerator(defaultSeed: 0xC0_441)
        for segment in layout.segments {
            let own = DenseMultilinearPolynomial(evaluations: values[segment.offset..<(segment.offset + segment.size)].map { Fr($0) })
            let point = (0..<segment.logSize).map { _ in Fr.random(using: &rng) }
            #expect(committed.evaluate(at: layout.globalPoint(point, in: segment)) == own.evaluate(at: point),
                    "\(name) segment \(segment.layer)/\(segment.role), \(rng.rerunHint)")
        }
    }

    @Test("the circuit ignores weight values; the model ID does not")
    func circuitIsPublicModelIDIsNot() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        var changed = model
        guard case let .dense(weights, bias, rescale) = changed.layers[0].operation else { Issue.record("layer 0 is not dense"); return }
        var scalars = weights.scalars
        scalars[0] = scalars[0] == 1 ? 2 : 1
        changed.layers[0].operation = .dense(weights: Tensor(shape: weights.shape, scalars: scalars), bias: bias, rescale: rescale)
        let original = ModelCommitment.commit(model, circuit: Circuit(compiling: model)).descriptor
        let other = ModelCommitment.commit(changed, circuit: Circuit(compiling: changed)).descriptor
        #expect(original.circuit.digest == other.circuit.digest)
        #expect(original.weightsCommitment != other.weightsCommitment)
        #expect(original.modelID != other.modelID)

        var rescaled = model
        guard case let .dense(w, b, r) = rescaled.layers[0].operation else { return }
        var multipliers = r.multipliers
        multipliers[0] += 1
        rescaled.layers[0].operation = .dense(weights: w, bias: b, rescale: Rescale(multipliers: multipliers, shift: r.shift, lower: r.lower, upper: r.upper))
        #expect(Circuit(compiling: rescaled).digest != original.circuit.digest)
    }

    @Test("descriptor round trip", arguments: ZooModel.all)
    func descriptorRoundTrip(_ zoo: ZooModel) throws {
        let model = try zoo.imported().model
        let descriptor = ModelCommitment.commit(model, circuit: Circuit(compiling: model)).descriptor
        let decoded = try ModelDescriptor(decoding: descriptor.encoded())
        #expect(decoded == descriptor)
        #expect(decoded.circuit.skeleton.layers.count == model.layers.count)
        #expect(decoded.circuit.skeleton == model.skeleton)
        #expect(ModelSummary(decoded.circuit.skeleton) == ModelSummary(model))
    }

    @Test("a descriptor is rejected when any part disagrees, is truncated or is extended")
    func descriptorRejections() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        let bytes = ModelCommitment.commit(model, circuit: Circuit(compiling: model)).descriptor.encoded()
        func rejection(_ candidate: [UInt8]) -> ModelFileError? {
            do { _ = try ModelDescriptor(decoding: candidate); return nil } catch { return error }
        }
        // The stored model ID, then the last row commitment's sign flag (which makes it −C, still a
        // valid point): both break the ID check.
        for (offset, flip) in [(bytes.count - 1, UInt8(0x01)), (bytes.count - 33, UInt8(0x80))] {
            var tampered = bytes
            tampered[offset] ^= flip
            guard case .invalid? = rejection(tampered) else { Issue.record("byte \(offset) flip not rejected as invalid"); continue }
        }
        expectEvery(0..<bytes.count, "a truncation to that many bytes is rejected") { rejection(Array(bytes[..<$0])) != nil }
        #expect(rejection(bytes + [0]) != nil)
        // Every single-byte change anywhere is rejected: the ID binds the skeleton and the root.
        var rng = SeededGenerator(defaultSeed: 0xDE5C)
        for _ in 0..<500 {
            var mutated = bytes
            let offset = Int(rng.next() % UInt64(bytes.count))
            mutated[offset] ^= UInt8(1 + rng.next() % 255)
            #expect(rejection(mutated) != nil, "mutation at byte \(offset) accepted; \(rng.rerunHint)")
        }
    }

    @Test("a .zkm model is not a circuit and a circuit is not a model")
    func skeletonAndModelAreDistinct() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        #expect(throws: ModelFileError.self) { _ = try Circuit(decodingSkeleton: model.encoded()) }
        #expect(throws: ModelFileError.self) { _ = try QuantizedModel(decoding: model.skeleton.encoded()) }
        #expect(throws: ModelFileError.self) { _ = try ModelSkeleton(decoding: model.encoded()) }
        let circuit = try Circuit(decodingSkeleton: model.skeleton.encoded())
        #expect(circuit == Circuit(compiling: model))
        #expect(circuit.skeleton == model.skeleton)
    }

    @Test("a skeleton claiming huge weight tensors is refused before allocation")
    func skeletonMemoryBomb() throws {
        var bombed = try ZooModel(name: "digits_mlp").imported().model.skeleton
        guard case let .dense(_, biasCount, rescale) = bombed.layers[0].operation else { Issue.record("layer 0 is not dense"); return }
        bombed.layers[0].operation = .dense(weights: [1, 1], bias: biasCount, rescale: rescale)
        var bytes = bombed.encoded()
        // Rewrite the first layer's [1, 1] weight shape (rank 2, dims 1 and 1) into [65536, 65536]:
        // a 2^32-entry weights segment if the decoder trusted it.
        let needle: [UInt8] = [2, 1, 0, 0, 0, 1, 0, 0, 0]
        let start = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle })
        bytes.replaceSubrange(start..<(start + needle.count), with: [2, 0, 0, 1, 0, 0, 0, 1, 0])
        #expect(throws: ModelFileError.self) { _ = try Circuit(decodingSkeleton: bytes) }
    }
}

@Suite("Private model file (.zkm) with its weights commitment")
struct CommittedModelFileTests {
    @Test("round trip: the model, the seed and the commitment come back, and the prover data opens it")
    func roundTrip() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        let committed = CommittedModel(committing: model)
        let decoded = try CommittedModel(decoding: committed.encoded())
        #expect(decoded == committed)
        #expect(decoded.descriptor.modelID == committed.descriptor.modelID)
        let input = try ZooModel(name: "digits_mlp_small").testInputs(1)
        try InferenceVerifier.verify(try InferenceProver(committed: decoded).prove(input), descriptor: committed.descriptor)
    }

    @Test("files from before the hiding commitment are refused with a request to re-import")
    func legacyFilesAreRefused() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        let error = #expect(throws: ModelFileError.self) { try CommittedModel(decoding: model.encoded()) }
        #expect(error?.description.contains("re-create it with `zkinfer import`") == true, "\(String(describing: error))")
        var descriptor = CommittedModel(committing: model).descriptor.encoded()
        descriptor[4] = 1  // version 1: the Ligero-committed descriptor
        let old = #expect(throws: ModelFileError.self) { try ModelDescriptor(decoding: descriptor) }
        #expect(old?.description.contains("earlier zkinfer") == true, "\(String(describing: old))")
    }

    @Test("a damaged private model file never traps: truncations are refused, mutations refused or decoded")
    func damagedFilesNeverTrap() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        let bytes = CommittedModel(committing: model).encoded()
        expectEvery(stride(from: 0, to: bytes.count, by: 97), "a truncation is refused") { length in
            (try? CommittedModel(decoding: Array(bytes[..<length]))) == nil
        }
        #expect((try? CommittedModel(decoding: bytes + [0])) == nil, "trailing byte")
        var generator = SeededGenerator(defaultSeed: 0x7A4D)
        for _ in 0..<300 {
            var mutated = bytes
            let offset = Int(generator.next() % UInt64(bytes.count))
            mutated[offset] ^= UInt8(1 + generator.next() % 255)
            // Weights and the seed are the owner's to choose: a flip there may decode, but only to a
            // file that encodes back to exactly these bytes (the format is canonical); a flip in
            // the header (magic, version, model length) is always refused.
            if let decoded = try? CommittedModel(decoding: mutated) {
                #expect(decoded.encoded() == mutated, "mutation at byte \(offset) decoded non-canonically")
                #expect(offset >= 10, "mutation at header byte \(offset) accepted")
            }
        }
    }

    @Test("a commitment of the wrong size for the model is refused")
    func wrongSizedCommitment() throws {
        let model = try ZooModel(name: "digits_mlp_small").imported().model
        let committed = CommittedModel(committing: model)
        var bytes = committed.encoded()
        bytes.removeLast(committed.descriptor.weightsCommitment.encoded.count + 4)
        let foreign = PedersenCommitmentScheme.Commitment(variableCount: 4, rows: [G1Affine](repeating: .generator, count: 4)).encoded
        bytes += withUnsafeBytes(of: UInt32(foreign.count).littleEndian, Array.init) + foreign
        let error = #expect(throws: ModelFileError.self) { try CommittedModel(decoding: bytes) }
        #expect(error?.description.contains("4 variables") == true, "\(String(describing: error))")
    }
}
