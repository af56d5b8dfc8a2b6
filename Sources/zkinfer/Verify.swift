import ArgumentParser
import Foundation
import ZKChain
import ZKML
import ZKProof
import ZKVerify

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify an inference proof against a model descriptor; prints the proven input digest and output.",
        discussion: """
            A proof is about the input its prover chose. Without --input, compare the printed input \
            digest with your own: it is the SHA-256 of the proof's int8 input, the quantized samples \
            concatenated in order, each value one byte in two's complement (--json also prints the \
            values). With --input, the file's samples (or its first N with --first N, as given to \
            prove) are quantized and must equal the proof's input.
            With --receipt and --genesis, the model must also be registered on the chain and not \
            revoked as of the receipt's latest header; --max-age fails an older receipt, and --node URL \
            fetches a fresh receipt from a node instead of reading the --receipt file.
            A prediction bundle (.zkr, from zkinfer bundle or a proving service) carries the proof, the \
            descriptor and the receipt: verify B.zkr --genesis G checks all of it offline.
            Exits 1 when the proof, the input or the receipt is rejected.
            """)

    @Argument(help: "A proof (.zkp; - for standard input), or a prediction bundle (.zkr).") var proof: String
    @Option(help: "The model's public descriptor (.zkpub); not with a bundle.") var model: String?
    @Option(help: "Samples to check the proof's input against (same format as infer).") var input: String?
    @Option(help: "With --input: the proof covers the file's first N samples (as with prove --first N).") var first: Int?
    @Option(help: "The model's registration receipt: also check the model is registered on the chain and not revoked.")
    var receipt: String?
    @Option(help: "The chain's genesis.json (with --receipt or --node).") var genesis: String?
    @Option(help: "With --receipt: fail a receipt whose latest header is older than this (90s, 15m, 24h, 7d).") var maxAge: MaxAge?
    @Option(help: "Fetch a fresh receipt from this node (needs --genesis) instead of reading --receipt.") var node: String?
    @Flag(help: """
        Print {"valid", "model_id", "batch_size", "proof_bytes", "verify_ms", "input_sha256", "input_int8", \
        "input_checked", "samples": [{"index", "class", "output"}], "receipt" (null without --receipt), "attestation" (a bundle's, else null)}.
        """) var json = false

    func validate() throws {
        if FileKind.peek(proof) == .bundle {
            if model != nil || receipt != nil || node != nil {
                throw ValidationError("a bundle (.zkr) carries the descriptor and the receipt: drop --model, --receipt and --node")
            }
            if genesis == nil { throw ValidationError("verifying a bundle needs --genesis GENESIS.json to check its receipt") }
        } else if model == nil {
            throw ValidationError("--model M.zkpub is needed to verify a proof (.zkp)")
        }
        let receiptWanted = receipt != nil || node != nil || FileKind.peek(proof) == .bundle
        if genesis != nil && !receiptWanted { throw ValidationError("--genesis is only used with --receipt (or --node); add --receipt FILE") }
        if receiptWanted && genesis == nil { throw ValidationError("--receipt and --node need --genesis GENESIS.json to check the receipt") }
        if maxAge != nil && !receiptWanted { throw ValidationError("--max-age applies to a receipt; add --receipt FILE (or --node URL)") }
        if first != nil && input == nil { throw ValidationError("--first N selects samples of --input; add --input FILE") }
        if let first, first < 1 { throw ValidationError("--first must be at least 1, got \(first)") }
    }

    func run() async throws {
        try CLIFiles.checkSingleStandardInput([proof, model, input, receipt, genesis])
        let bundle = try Self.bundle(proof)
        let descriptor = try bundle.map { bundle throws(CLIError) in
            try Loaders.descriptor(bytes: bundle.descriptor, path: "\(proof) (its descriptor)")
        } ?? Loaders.descriptor(model ?? "-")
        let (decoded, proofSize) = try bundle.map { bundle throws(CLIError) in
            try Loaders.proof(bytes: bundle.proof, path: "\(proof) (its proof)")
        } ?? Loaders.proof(proof)
        var receiptCheck: ReceiptCheck?
        if receipt != nil || node != nil || bundle != nil, let genesis {
            let check: ReceiptCheck
            if let bundle {
                let decodedReceipt: ModelReceipt
                do { decodedReceipt = try ModelReceipt(decoding: bundle.receipt) } catch {
                    throw CLIError.input("\(displayPath(proof)) holds a damaged receipt: \(terminalSafe(error.description))")
                }
                check = try ReceiptCheck.check(decodedReceipt, source: "\(proof) (its receipt)", modelID: descriptor.modelID,
                                               genesis: try Loaders.genesis(genesis), genesisPath: genesis)
            } else {
                check = try await ReceiptCheck.load(path: receipt, node: node, modelID: descriptor.modelID, genesisPath: genesis)
            }
            let record = check.record
            try check.requireDescriptor(descriptor, path: model ?? "\(proof) (its descriptor)")
            try check.judge(maxAge: maxAge)
            receiptCheck = check
            if !json {
                print("receipt valid: model \(record.modelID.hex) (\(terminalSafe(record.name)) \(terminalSafe(record.version))) "
                      + "registered at block \(record.registeredAt), not revoked \(check.asOfText)")
            }
        }
        let skeleton = descriptor.circuit.skeleton
        let sampleSize = skeleton.inputShape.reduce(1, *)
        // The samples the proof must be about, quantized as the prover does; OfflineVerifier
        // compares them with the proof's input before checking the proof.
        var expectedInput: [[Int8]]?
        if let input {
            let samples = try InputSamples.conform(InputSamples.load(input), sampleSize, source: input)
            let count = first ?? samples.inputData.count
            if count > samples.inputData.count {
                throw CLIError.usage("--first \(count), but \(displayPath(input)) holds \(samples.inputData.count) sample(s)")
            }
            expectedInput = samples.inputData.prefix(count).map { skeleton.quantizeInput($0).scalars }
        }
        let started = Date()
        let statement: VerifiedStatement
        do { statement = try OfflineVerifier.verify(decoded, descriptor: descriptor, expectedInput: expectedInput) } catch {
            throw rejection(error)
        }
        let outputs = statement.outputs
        let elapsed = Date().timeIntervalSince(started)
        let attestation = try checkAttestation(bundle, proofBytes: bundle?.proof, decoded: decoded, descriptor: descriptor, receiptCheck: receiptCheck)
        let inputDigest = statement.inputDigest.hex
        let perSample = sampleSize > 0 ? stride(from: 0, to: decoded.input.count, by: sampleSize).map {
            Array(decoded.input[$0..<min($0 + sampleSize, decoded.input.count)])
        } : []
        if json {
            struct Sample: Encodable { var index: Int; var `class`: Int; var output: [Float] }
            struct Result: Encodable {
                var valid: Bool; var model_id: String; var batch_size: Int; var proof_bytes: Int; var verify_ms: Double
                var input_sha256: String; var input_int8: [[Int8]]; var input_checked: Bool; var samples: [Sample]
                @Nullable var receipt: ReceiptCheck.JSON?
                @Nullable var attestation: AttestationJSON?
            }
            try JSONOutput.print(Result(
                valid: true, model_id: descriptor.modelID.hex, batch_size: decoded.batchSize, proof_bytes: proofSize,
                verify_ms: (elapsed * 1_000_000).rounded() / 1000, input_sha256: inputDigest, input_int8: perSample,
                input_checked: input != nil,
                samples: outputs.enumerated().map { index, tensor in
                    let values = skeleton.dequantizeOutput(tensor)
                    return Sample(index: index, class: argmax(values), output: values)
                }, receipt: receiptCheck?.json, attestation: attestation.map(AttestationJSON.init)))
            return
        }
        for (index, tensor) in outputs.enumerated() {
            let values = skeleton.dequantizeOutput(tensor)
            print("sample \(index): class \(argmax(values))  output \(values.map { String(format: "%.4f", $0) }.joined(separator: " "))")
        }
        if let input {
            print("input matches \(displayPath(input))\(first.map { " (first \($0) samples)" } ?? "")")
        }
        print("input sha256 \(inputDigest) (\(decoded.input.count) int8 values\(input == nil ? "; not checked: compare with yours or pass --input" : ""))")
        print("proof valid for model \(descriptor.modelID.hex) (\(decoded.batchSize) sample(s), "
              + "\(proofSize) bytes, verified in \(String(format: "%.1f", elapsed * 1000)) ms)")
        if let attestation {
            print("attested: logged by the model's owner in block \(attestation.height) (time \(iso8601(attestation.timestamp))), "
                  + "one of \(attestation.batchSize) predictions in its batch")
        }
    }

    struct AttestationJSON: Encodable {
        var height: UInt64
        var time: String
        var batch_size: Int
        var attester: String
        init(_ record: AttestationRecord) {
            (height, time, batch_size, attester) = (record.height, iso8601(record.timestamp), record.batchSize, record.attester.hex)
        }
    }

    /// A bundle's attestation receipt, checked against the genesis: this proof's input, output
    /// and bytes are under an attestation batch signed by the model's owner. Nil without one.
    private func checkAttestation(_ bundle: PredictionBundle?, proofBytes: [UInt8]?, decoded: InferenceProof, descriptor: ModelDescriptor,
                                  receiptCheck: ReceiptCheck?) throws(CLIError) -> AttestationRecord? {
        guard let bundle, !bundle.attestation.isEmpty, let proofBytes, let receiptCheck, let genesis else { return nil }
        let receipt: AttestationReceipt
        do { receipt = try AttestationReceipt(decoding: bundle.attestation) } catch {
            throw .input("\(displayPath(proof)) holds a damaged attestation receipt: \(terminalSafe(error.description))")
        }
        let leaf = InferenceAttestation(modelID: descriptor.modelID, input: decoded.input, output: decoded.output, proof: proofBytes)
        let genesisValue = try Loaders.genesis(genesis)
        let record: AttestationRecord
        do { record = try receipt.verify(genesis: genesisValue, attestation: leaf) } catch {
            throw .rejected("attestation rejected: \(displayPath(proof)): \(terminalSafe(error.description))")
        }
        guard record.attester == receiptCheck.record.owner else {
            throw .rejected("attestation rejected: \(displayPath(proof)): signed by \(record.attester.hex), "
                            + "not by the model's owner \(receiptCheck.record.owner.hex)")
        }
        return record
    }

    /// The bundle at `path`, or nil when it is not one (then it is read as a proof).
    static func bundle(_ path: String) throws(CLIError) -> PredictionBundle? {
        guard FileKind.peek(path) == .bundle else { return nil }
        let bytes = try CLIFiles.read(path, what: FileKind.bundle.name)
        let bundle: PredictionBundle
        do { bundle = try PredictionBundle(decoding: bytes) } catch {
            throw .input("\(displayPath(path)) is a damaged prediction bundle: \(terminalSafe(error.description))")
        }
        return bundle
    }

    /// The CLI's words for a rejection: which sample count or input the user should compare.
    private func rejection(_ error: OfflineVerificationError) -> CLIError {
        switch error {
        case let .batchSizeMismatch(expected, got):
            return .rejected("the proof covers \(got) sample(s), but \(expected) are taken from \(displayPath(input ?? "-"))"
                             + (first == nil ? "; if the proof was made with prove --first \(got), pass --first \(got)" : ""))
        case .inputMismatch:
            return .rejected("the proof is about another input than \(displayPath(input ?? "-"))\(first.map { " (first \($0) samples)" } ?? "")")
        case let .proof(proofError):
            return .rejected("proof rejected: \(displayPath(proof)): \(terminalSafe(String(describing: proofError)))")
        default:
            return .rejected("proof rejected: \(displayPath(proof)): \(terminalSafe(error.description))")
        }
    }
}
