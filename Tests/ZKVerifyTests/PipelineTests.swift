import Foundation
import Testing
import ZKChain
import ZKML
import ZKProof
import ZKTestSupport
import ZKVerify

/// The whole pipeline through the library API, as a provider and a client run it: ONNX →
/// import → quantize → commit → register on a 2-of-3 chain → prove → receipt → offline verify,
/// every artifact through its byte encoding; then each way a client must refuse.
@Suite("The whole pipeline, offline verification") struct PipelineTests {
    static let zoo = Repository.url("Circuits")

    /// What a provider publishes and a client receives, each decoded from its bytes.
    struct Published {
        var genesis: Genesis
        var chain: Chain
        var signers: [(index: Int, key: SigningKey)]
        var owner: SigningKey
        var model: QuantizedModel
        var descriptor: ModelDescriptor
        var inputs: [Tensor<Int8>]
        var proof: InferenceProof
        var receipt: ModelReceipt
    }

    static func samples(_ folder: String, _ file: String) throws -> [[Float]] {
        let data = try Data(contentsOf: zoo.appendingPathComponent(folder).appendingPathComponent(file))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(object["input_data"] as? [[Double]])
        return rows.map { $0.map(Float.init) }
    }

    /// Import, quantize and commit a zoo model.
    static func provider(_ folder: String, onnx: String = "model.onnx") throws -> (CommittedModel, ModelDescriptor) {
        let graph = try ONNXImporter.importModel(contentsOf: zoo.appendingPathComponent(folder).appendingPathComponent(onnx))
        let model = try Quantizer(graph: graph).quantize(calibration: samples(folder, "calibration.json"))
        let committed = try CommittedModel(decoding: CommittedModel(committing: model).encoded())
        return (committed, try ModelDescriptor(decoding: committed.descriptor.encoded()))
    }

    static func chain(name: String) throws -> (Genesis, Chain, [(index: Int, key: SigningKey)]) {
        let keys = (0..<3).map { _ in SigningKey.generate() }.sorted { $0.publicKey < $1.publicKey }
        let genesis = try Genesis(chainName: name, timestamp: Chain.wallClock() - 60_000, validators: keys.map(\.publicKey), threshold: 2)
        let chain = try Chain(genesis: try Genesis(json: genesis.json()), store: InMemoryChainStore())
        return (genesis, chain, [(0, keys[0]), (2, keys[2])])
    }

    static func register(_ descriptor: ModelDescriptor, name: String, owner: SigningKey, nonce: UInt64,
                         on chain: Chain, signers: [(index: Int, key: SigningKey)]) throws {
        let registration = ModelRegistration(modelID: descriptor.modelID, circuitDigest: descriptor.circuit.digest,
                                             weightsCommitment: descriptor.weightsCommitment.digest, name: name, version: "1")
        let transaction = Transaction.signed(body: .registerModel(registration), nonce: nonce, chainID: chain.genesis.hash, key: owner)
        _ = try chain.produceBlock(transactions: [transaction], timestamp: Chain.wallClock(), signers: signers)
    }

    static func receipt(_ modelID: Digest, on chain: Chain) throws -> ModelReceipt {
        try ModelReceipt(decoding: try chain.receipt(for: modelID).encoded())
    }

    /// The error `body` throws, nil (and a recorded issue) when it does not throw.
    static func rejection(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                          _ body: () throws(OfflineVerificationError) -> Void) -> OfflineVerificationError? {
        do throws(OfflineVerificationError) {
            try body()
        } catch {
            return error
        }
        Issue.record("\(what) verified", sourceLocation: sourceLocation)
        return nil
    }

    static func publish() throws -> Published {
        let (committed, descriptor) = try provider("digits_mlp_small")
        let model = committed.model
        let (genesis, chain, signers) = try chain(name: "pipeline")
        let owner = SigningKey.generate()
        try register(descriptor, name: "digits small", owner: owner, nonce: 1, on: chain, signers: signers)
        let inputs = try samples("digits_mlp_small", "test.json").prefix(2).map(model.quantizeInput)
        let proof = try InferenceProof(decoding: try InferenceProver(committed: committed).prove(Array(inputs)).encoded())
        return Published(genesis: genesis, chain: chain, signers: signers, owner: owner, model: model, descriptor: descriptor,
                         inputs: Array(inputs), proof: proof, receipt: try receipt(descriptor.modelID, on: chain))
    }

    @Test("ONNX → import → commit → register → prove → receipt → verify: the statement names model, input, output and registration")
    func wholePipeline() throws {
        let published = try Self.publish()
        let statement = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, receipt: published.receipt,
                                                   genesis: published.genesis, expectedInput: published.inputs.map { $0.scalars },
                                                   maximumAge: .seconds(3600))
        #expect(statement.modelID == published.descriptor.modelID)
        #expect(statement.batchSize == 2)
        #expect(statement.input == published.inputs.flatMap { $0.scalars })
        #expect(statement.inputDigest == SHA256.hash(statement.input.map { UInt8(bitPattern: $0) }))
        // The proven outputs are the model's integer inference, computed independently here.
        #expect(statement.outputs == published.inputs.map { published.model.infer($0).output })
        let registration = try #require(statement.registration)
        #expect(registration.record.name == "digits small" && registration.record.owner == published.owner.publicKey)
        #expect(registration.registrationHeight == 1 && registration.asOfHeight == 1)
        #expect(registration.registrationTime >= published.genesis.timestamp)
        // Without a receipt the proof alone still verifies, with no registration claimed.
        #expect(try OfflineVerifier.verify(published.proof, descriptor: published.descriptor).registration == nil)
    }

    @Test("a prediction bundle round-trips and verifies like its parts; a damaged part or an attestation is refused")
    func predictionBundle() throws {
        let published = try Self.publish()
        let bundle = PredictionBundle(proof: published.proof.encoded(), descriptor: published.descriptor.encoded(),
                                      receipt: published.receipt.encoded())
        let decoded = try PredictionBundle(decoding: bundle.encoded())
        #expect(decoded == bundle)
        let statement = try OfflineVerifier.verify(decoded, genesis: published.genesis, expectedInput: published.inputs.map { $0.scalars })
        #expect(statement.outputs == published.inputs.map { published.model.infer($0).output })
        #expect(statement.registration?.record.modelID == published.descriptor.modelID)

        var damaged = bundle
        damaged.descriptor[damaged.descriptor.count / 2] ^= 1
        let error = Self.rejection("a damaged descriptor") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(damaged, genesis: published.genesis)
        }
        #expect(error != nil)
        var attested = bundle
        attested.attestation = [1, 2, 3]
        guard case .bundle(part: "attestation receipt", _)? = Self.rejection("an unchecked attestation", { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(attested, genesis: published.genesis)
        }) else { Issue.record("an attestation was not refused"); return }
    }

    @Test("a model revoked after the proof is refused once the client holds a receipt from after the revocation")
    func revokedModel() throws {
        let published = try Self.publish()
        let revoke = Transaction.signed(body: .revokeModel(modelID: published.descriptor.modelID), nonce: 2,
                                        chainID: published.genesis.hash, key: published.owner)
        _ = try published.chain.produceBlock(transactions: [revoke], timestamp: Chain.wallClock(), signers: published.signers)
        // The receipt from before the revocation is still valid as of its own (older) header.
        #expect(throws: Never.self) {
            try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, receipt: published.receipt,
                                       genesis: published.genesis)
        }
        let fresh = try Self.receipt(published.descriptor.modelID, on: published.chain)
        let error = Self.rejection("a revoked model") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, receipt: fresh, genesis: published.genesis)
        }
        guard case let .revoked(modelID, height, asOfHeight, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(modelID == published.descriptor.modelID && height == 2 && asOfHeight == 2)
    }

    @Test("a receipt from another chain is refused: its genesis is not the client's")
    func otherChain() throws {
        let published = try Self.publish()
        let (otherGenesis, otherChain, otherSigners) = try Self.chain(name: "pipeline")
        try Self.register(published.descriptor, name: "digits small", owner: published.owner, nonce: 1,
                          on: otherChain, signers: otherSigners)
        let foreign = try Self.receipt(published.descriptor.modelID, on: otherChain)
        let error = Self.rejection("a receipt of another chain") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, receipt: foreign, genesis: published.genesis)
        }
        guard case let .receipt(.genesisMismatch(expected, got))? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(expected == published.genesis.hash && got == otherGenesis.hash)
    }

    @Test("another model: its receipt, its descriptor, or a proof of it with this model's descriptor are refused")
    func otherModel() throws {
        let published = try Self.publish()
        let (_, otherDescriptor) = try Self.provider("digits_mlp_small", onnx: "model_softmax.onnx")
        #expect(otherDescriptor.modelID != published.descriptor.modelID)
        try Self.register(otherDescriptor, name: "other", owner: published.owner, nonce: 2, on: published.chain, signers: published.signers)
        let otherReceipt = try Self.receipt(otherDescriptor.modelID, on: published.chain)
        // This proof with the other model's receipt.
        let wrongReceipt = Self.rejection("another model's receipt") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, receipt: otherReceipt,
                                           genesis: published.genesis)
        }
        guard case let .receiptForAnotherModel(expected, got)? = wrongReceipt else {
            Issue.record("\(String(describing: wrongReceipt))"); return
        }
        #expect(expected == published.descriptor.modelID && got == otherDescriptor.modelID)
        // This proof with the other model's descriptor and receipt: the proof is about this model.
        let wrongModel = Self.rejection("a proof against another model") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: otherDescriptor, receipt: otherReceipt, genesis: published.genesis)
        }
        guard case let .proof(.modelMismatch(expectedModel, gotModel))? = wrongModel else {
            Issue.record("\(String(describing: wrongModel))"); return
        }
        #expect(expectedModel == otherDescriptor.modelID && gotModel == published.descriptor.modelID)
    }

    @Test("another input, another batch size, a stale receipt and a tampered proof are refused")
    func otherRejections() throws {
        let published = try Self.publish()
        var input = published.inputs.map { $0.scalars }
        input[1][5] = input[1][5] &+ 1
        let otherInput = Self.rejection("another input") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, expectedInput: input)
        }
        guard case let .inputMismatch(index)? = otherInput else { Issue.record("\(String(describing: otherInput))"); return }
        #expect(index == published.inputs[0].scalars.count + 5)

        let fewer = Self.rejection("one sample of two") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, expectedInput: [input[0]])
        }
        guard case let .batchSizeMismatch(expected, got)? = fewer else { Issue.record("\(String(describing: fewer))"); return }
        #expect(expected == 1 && got == 2)

        let later = published.receipt.latestHeader.timestamp + 7_200_000
        let stale = Self.rejection("a two-hour-old receipt with a one-hour maximum age") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(published.proof, descriptor: published.descriptor, receipt: published.receipt,
                                           genesis: published.genesis, maximumAge: .seconds(3600), now: later)
        }
        guard case let .receiptTooOld(_, _, age, maximum)? = stale else { Issue.record("\(String(describing: stale))"); return }
        #expect(age == .seconds(7200) && maximum == .seconds(3600))

        var tampered = published.proof
        tampered.output[0] = tampered.output[0] &+ 1
        let forged = Self.rejection("a proof with a changed output") { () throws(OfflineVerificationError) in
            _ = try OfflineVerifier.verify(tampered, descriptor: published.descriptor, receipt: published.receipt,
                                           genesis: published.genesis)
        }
        guard case .proof? = forged else { Issue.record("\(String(describing: forged))"); return }
    }
}
