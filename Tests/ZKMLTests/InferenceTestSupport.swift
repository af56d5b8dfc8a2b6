import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKProof

// Shared helpers of the inference prover/verifier tests: one prover per zoo model (the weights
// commitment is built once per test run), the test samples of `Circuits/<model>/test.json`, and
// one cached proof of digits_mlp_small that the rejection tests tamper with.

/// The weights blinding seed of the test suite's provers, so that a test can commit a variant of a
/// model with the same blindings (equal weights give equal commitments). Not secret.
let testBlindingSeed = BlindingSeed(derivedFrom: "zkinfer tests")

extension ZooModel {
    /// The first `count` samples of `Circuits/<model>/test.json`, as floats.
    func testSamples(_ count: Int) throws -> [[Float]] {
        let samples = try Self.testSets.get()[name] ?? []
        try #require(samples.count >= count, "\(name): test.json has \(samples.count) samples, need \(count)")
        return Array(samples.prefix(count))
    }

    /// The quantized inputs of the first `count` test samples.
    func testInputs(_ count: Int) throws -> [Tensor<Int8>] {
        let model = try imported().model
        return try testSamples(count).map { model.quantizeInput($0) }
    }

    /// A prover of this model, built once for the whole test run.
    func prover() throws -> InferenceProver {
        switch name {
        case "digits_mlp_small": return try Self.digitsMLPSmallProver.get()
        case "digits_mlp": return try Self.digitsMLPProver.get()
        case "mnist_mlp": return try Self.mnistMLPProver.get()
        case "digits_cnn": return try Self.digitsCNNProver.get()
        case "lenet5": return try Self.lenet5Prover.get()
        case "cifar_cnn": return try Self.cifarCNNProver.get()
        case "resnet8_cifar": return try Self.resnet8CIFARProver.get()
        case "vgg11_cifar": return try Self.vgg11CIFARProver.get()
        default: throw LoadFailure(description: "unknown zoo model \(name)")
        }
    }

    // Only the first few samples of every test set, parsed once.
    private static let testSets = Result<[String: [[Float]]], LoadFailure>(loading: {
        var sets = [String: [[Float]]]()
        for zoo in ZooModel.all {
            sets[zoo.name] = Array(try InputData.load(contentsOf: zoo.testSetURL).inputData.prefix(8))
        }
        return sets
    })

    private static func makeProver(_ name: String) -> Result<InferenceProver, LoadFailure> {
        Result(loading: {
            InferenceProver(committed: CommittedModel(committing: try ZooModel(name: name).imported().model, blindingSeed: testBlindingSeed))
        })
    }

    private static let digitsMLPSmallProver = makeProver("digits_mlp_small")
    private static let digitsMLPProver = makeProver("digits_mlp")
    private static let mnistMLPProver = makeProver("mnist_mlp")
    private static let digitsCNNProver = makeProver("digits_cnn")
    private static let lenet5Prover = makeProver("lenet5")
    private static let cifarCNNProver = makeProver("cifar_cnn")
    private static let resnet8CIFARProver = makeProver("resnet8_cifar")
    private static let vgg11CIFARProver = makeProver("vgg11_cifar")
}

/// A valid proof of digits_mlp_small on the first test sample, made once; the rejection tests
/// tamper with copies of it.
struct ReferenceProof: Sendable {
    var prover: InferenceProver
    var input: Tensor<Int8>
    var proof: InferenceProof
    var bytes: [UInt8]

    var descriptor: ModelDescriptor { prover.descriptor }

    static let digitsMLPSmall = Result<ReferenceProof, LoadFailure>(loading: {
        let zoo = ZooModel(name: "digits_mlp_small")
        let prover = try zoo.prover()
        let input = try zoo.testInputs(1)[0]
        let proof = try prover.prove([input])
        return ReferenceProof(prover: prover, input: input, proof: proof, bytes: proof.encoded())
    })

    static func get() throws -> ReferenceProof { try digitsMLPSmall.get() }
}

/// Byte offsets of the `.zkp` header fields (InferenceProof's wire format, version 4).
struct ProofHeaderLayout {
    var inputCount: Int
    var outputCount: Int
    var witnessRowCount: Int

    init(_ proof: InferenceProof) {
        inputCount = proof.input.count
        outputCount = proof.output.count
        witnessRowCount = proof.witnessCommitment.rows.count
    }

    let magic = 0..<4
    let version = 4..<6
    let modelID = 6..<38
    let batchSize = 38..<42
    let inputLength = 42..<46
    var input: Range<Int> { 46..<(46 + inputCount) }
    var outputLength: Range<Int> { input.upperBound..<(input.upperBound + 4) }
    var output: Range<Int> { outputLength.upperBound..<(outputLength.upperBound + outputCount) }
    /// The witness commitment: variable count, then one uncompressed point per row.
    var witnessVariables: Range<Int> { output.upperBound..<(output.upperBound + 1) }
    var witnessRows: Range<Int> { witnessVariables.upperBound..<(witnessVariables.upperBound + 64 * witnessRowCount) }
    var bodyLength: Range<Int> { witnessRows.upperBound..<(witnessRows.upperBound + 4) }
    /// Where the body starts.
    var bodyStart: Int { bodyLength.upperBound }
}

/// What became of a tampered proof: refused by the decoder, or decoded and rejected by the
/// verifier, or (never acceptable) verified.
enum TamperOutcome: CustomStringConvertible {
    case undecodable(DecodingError)
    case rejected(InferenceVerificationError)
    case accepted([Tensor<Int8>])

    init(bytes: [UInt8], descriptor: ModelDescriptor) {
        let proof: InferenceProof
        do { proof = try InferenceProof(decoding: bytes) } catch {
            self = .undecodable(error)
            return
        }
        self.init(proof: proof, descriptor: descriptor)
    }

    init(proof: InferenceProof, descriptor: ModelDescriptor) {
        do { self = .accepted(try InferenceVerifier.verify(proof, descriptor: descriptor)) } catch { self = .rejected(error) }
    }

    var verificationError: InferenceVerificationError? {
        if case let .rejected(error) = self { return error }
        return nil
    }

    var decodingError: DecodingError? {
        if case let .undecodable(error) = self { return error }
        return nil
    }

    var isAccepted: Bool {
        if case .accepted = self { return true }
        return false
    }

    var description: String {
        switch self {
        case let .undecodable(error): return "undecodable: \(error)"
        case let .rejected(error): return "rejected: \(error)"
        case .accepted: return "ACCEPTED"
        }
    }
}

extension InferenceVerificationError {
    var isModelMismatch: Bool {
        if case .modelMismatch = self { return true }
        return false
    }

    /// Where the verifier stopped, for the errors that say.
    var location: ProofLocation? {
        switch self {
        case let .malformedProof(location, _), let .rejected(location, _), let .relationMismatch(location, _, _, _),
             let .committedRelationFailed(location, _), let .stopped(location):
            return location
        case .modelMismatch, .statementMismatch, .unsupportedCircuit:
            return nil
        }
    }
}

extension ProofLocation {
    var layerIndex: Int? {
        if case let .layer(index, _, _) = self { return index }
        return nil
    }
}
