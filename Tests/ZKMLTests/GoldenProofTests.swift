import Foundation
import Testing
import ZKML
import ZKProof
import ZKTestSupport

/// The proofs of `Vectors/proofs/` on the first test sample of two zoo models, made by this suite
/// with seeded (public, therefore insecure) randomness: `make golden` runs it with
/// `ZKINFER_REGENERATE_GOLDEN=1`, which writes the files instead of comparing. The seeded mode
/// exists only here; the command-line tool always draws from the system CSPRNG. The files must
/// keep verifying, and today's prover must reproduce them byte for byte: any change of the proof
/// format, the transcript or the protocol shows here and means a new protocol version and
/// regenerated files.
@Suite("Golden inference proofs")
struct GoldenProofTests {
    static let models = ["digits_mlp_small", "digits_cnn"].map(ZooModel.init)
    static let directory = "Vectors/proofs"
    /// The blinding seed is derived from "golden", the prover's randomness from "prover:golden".
    static let randomnessLabel = "golden"
    static var regenerating: Bool { ProcessInfo.processInfo.environment["ZKINFER_REGENERATE_GOLDEN"] == "1" }

    struct Golden {
        var descriptorBytes: [UInt8]
        var proofBytes: [UInt8]
        var input: InputData
    }

    static func golden(_ zoo: ZooModel) throws -> Golden {
        Golden(descriptorBytes: try Repository.bytes("\(directory)/\(zoo.name).zkpub"),
               proofBytes: try Repository.bytes("\(directory)/\(zoo.name).zkp"),
               input: try InputData.load(contentsOf: Repository.url("\(directory)/\(zoo.name).input.json")))
    }

    @Test("the golden proof verifies against the golden descriptor and proves the golden output", arguments: models)
    func goldenProofVerifies(_ zoo: ZooModel) throws {
        let golden = try Self.golden(zoo)
        let descriptor = try ModelDescriptor(decoding: golden.descriptorBytes)
        let proof = try InferenceProof(decoding: golden.proofBytes)
        let outputs = try InferenceVerifier.verify(proof, descriptor: descriptor)
        #expect(proof.batchSize == 1 && outputs.count == 1)

        // The input file is the first sample of the model's test set, and the proof is about it.
        let sample = try zoo.testSamples(1)[0]
        #expect(golden.input.inputData == [sample])
        #expect(proof.input == descriptor.circuit.skeleton.quantizeInput(sample).scalars)

        // Vectors/zoo holds the first 20 test samples with zkinfer's exact int8 outputs.
        let vectors = try zoo.vectors()
        let index = try #require(vectors.inputs.firstIndex(of: sample), "\(zoo.name): first test sample not in Vectors/zoo")
        #expect(outputs[0].scalars == (try zoo.golden().outputs[index]), "\(zoo.name)")
        #expect(outputs[0].shape == vectors.outputShape)
    }

    @Test("today's import, commitment and prover reproduce the golden descriptor and proof byte for byte", arguments: models)
    func goldenProofIsReproduced(_ zoo: ZooModel) throws {
        let model = try zoo.imported().model
        let prover = InferenceProver(committed: CommittedModel(committing: model, blindingSeed: BlindingSeed(derivedFrom: Self.randomnessLabel)))
        if Self.regenerating { try Self.regenerate(zoo, prover) }
        let golden = try Self.golden(zoo)
        #expect(prover.descriptor.encoded() == golden.descriptorBytes,
                "\(zoo.name): the model ID changed; see Vectors/proofs/README.md")
        let proof = try prover.prove(golden.input.inputData.map { prover.model.quantizeInput($0) },
                                     randomness: ProverRandomness(derivedFrom: "prover:" + Self.randomnessLabel))
        let bytes = proof.encoded()
        guard bytes != golden.proofBytes else { return }
        // Say where the first difference is, to tell a header change from a protocol change.
        let first = zip(bytes, golden.proofBytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(bytes.count, golden.proofBytes.count)
        Issue.record("""
            \(zoo.name): today's proof differs from \(Self.directory)/\(zoo.name).zkp from byte \(first) on \
            (\(bytes.count) bytes now, \(golden.proofBytes.count) stored). If the protocol changed on purpose, bump its \
            version and regenerate the files as Vectors/proofs/README.md says.
            """)
    }

    /// Writes the descriptor, the input (the first test sample) and the proof of `zoo`.
    static func regenerate(_ zoo: ZooModel, _ prover: InferenceProver) throws {
        let sample = try zoo.testSamples(1)[0]
        let proof = try prover.prove([prover.model.quantizeInput(sample)],
                                     randomness: ProverRandomness(derivedFrom: "prover:" + randomnessLabel))
        let input = "{\"input_data\": [[" + sample.map { "\($0)" }.joined(separator: ", ") + "]]}\n"
        try Data(prover.descriptor.encoded()).write(to: Repository.url("\(directory)/\(zoo.name).zkpub"))
        try Data(input.utf8).write(to: Repository.url("\(directory)/\(zoo.name).input.json"))
        try Data(proof.encoded()).write(to: Repository.url("\(directory)/\(zoo.name).zkp"))
    }
}
