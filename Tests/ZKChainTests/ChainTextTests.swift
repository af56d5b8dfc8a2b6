import Testing
import ZKChain
import ZKProof

/// Chain text is printable: a name, version, metadata entry or dataset name holding a control,
/// separator or bidirectional formatting character is refused when validated, so a hostile
/// owner cannot forge lines or inject escape sequences on a verifier's screen.
@Suite("Printable chain text")
struct ChainTextTests {
    static let hostile: [(String, UInt32)] = [
        ("evil\u{1B}[2Kreceipt valid", 0x1B), ("line\nbreak", 0x0A), ("carriage\rreturn", 0x0D), ("nul\u{0}", 0),
        ("tab\there", 0x09), ("del\u{7F}", 0x7F), ("c1\u{9B}31m", 0x9B), ("rlo\u{202E}txt.exe", 0x202E),
        ("isolate\u{2066}x", 0x2066), ("mark\u{200F}", 0x200F), ("separator\u{2028}", 0x2028), ("bom\u{FEFF}", 0xFEFF),
    ]

    @Test("every hostile string is refused in every text field, naming the field and the character")
    func hostileTextIsRefused() throws {
        for (text, scalar) in Self.hostile {
            let bodies: [(TransactionBody, String)] = [
                (.registerModel(ModelRegistration(modelID: testDigest(text), circuitDigest: testDigest("c"), weightsCommitment: testDigest("w"),
                                                  name: text, version: "1", metadata: [:])), "model name"),
                (.registerModel(ModelRegistration(modelID: testDigest(text), circuitDigest: testDigest("c"), weightsCommitment: testDigest("w"),
                                                  name: "ok", version: text, metadata: [:])), "model version"),
                (.registerModel(registration("m", metadata: [text: "v"])), "metadata key"),
                (.registerModel(registration("m", metadata: ["k": text])), "metadata value of a key"),
                (.registerDataset(merkleRoot: testDigest("d"), size: 1, name: text), "dataset name"),
            ]
            for (body, field) in bodies {
                var chain = TestChain()
                let transaction = chain.transaction(body, from: alice)
                #expect(validationError { try chain.state.validate(transaction) }
                    == .forbiddenCharacter(height: 1, transactionIndex: 0, field: field, scalar: scalar), "\(field): \(text.debugDescription)")
            }
        }
    }

    @Test("printable text in any script, with emoji joiners and HTML, is accepted")
    func printableTextIsAccepted() throws {
        for text in ["résumé-net v2", "模型 ✓", "👩‍💻 classifier", "<script>alert(1)</script> & \"quotes\"", "مرحبا"] {
            var chain = TestChain()
            try chain.state.validate(chain.transaction(.registerModel(ModelRegistration(
                modelID: testDigest(text), circuitDigest: testDigest("c"), weightsCommitment: testDigest("w"),
                name: text, version: "1", metadata: ["note": text])), from: alice))
        }
    }

    @Test("a genesis whose chain name is not printable is refused")
    func genesisName() {
        #expect(throws: ChainDecodingError.self) {
            try Genesis(chainName: "net\u{1B}]0;pwned\u{7}", timestamp: 1, validators: [alice.publicKey], threshold: 1)
        }
    }
}
