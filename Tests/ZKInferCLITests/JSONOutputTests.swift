import Foundation
import Testing

/// `--json` on every command that prints a result, `-` for standard input and output, inspect
/// of a `.zkpub`, `revoke --model` and `verify --first`.
@Suite("JSON output and standard streams") struct JSONOutputTests {
    static func keys(_ object: [String: Any]) -> Set<String> { Set(object.keys) }

    @Test("every command's --json output has its documented snake_case keys")
    func keysPerCommand() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.writeSamples("two.json", count: 2)
        func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let result = try space.run(arguments + ["--json"], sourceLocation: sourceLocation)
            #expect(result.status == 0, "\(arguments): \(result)", sourceLocation: sourceLocation)
            return result.json(sourceLocation: sourceLocation)
        }
        let expectations: [([String], Set<String>)] = [
            (["keygen", "--output", "carol.json"], ["public_key", "output"]),
            (["chain", "init", "--data", "chain2"], ["chain_id", "chain_name", "validators", "threshold", "genesis"]),
            (["commit", "m.zkm", "--output", "m2.zkpub"],
             ["model_id", "circuit_digest", "weights_commitment", "weights_variables", "tensors", "output", "bytes", "commit_s"]),
            (["prove", "m.zkm", "--input", "two.json", "--output", "p.zkp"],
             ["model_id", "output", "bytes", "sample_count", "prove_s", "setup_s", "samples"]),
            (["verify", "p.zkp", "--model", "m.zkpub"],
             ["valid", "model_id", "batch_size", "proof_bytes", "verify_ms", "input_sha256", "input_int8", "input_checked",
              "samples", "receipt", "attestation"]),
            (["register", "m.zkpub", "--key", "alice.json", "--data", "chain"],
             ["status", "model_id", "height", "transaction_id", "owner", "name", "version"]),
            (["receipt", "get", "--model", "m.zkpub", "--data", "chain", "--output", "m.receipt"],
             ["model_id", "output", "bytes", "as_of_height", "as_of_time"]),
            (["receipt", "verify", "m.receipt", "--genesis", "chain/genesis.json"],
             ["valid", "model_id", "name", "version", "owner", "registered_at", "revoked_at", "as_of_height", "as_of_time",
              "age_s", "source"]),
            (["chain", "show", "--data", "chain"],
             ["chain_id", "chain_name", "validators", "threshold", "height", "tip", "pending", "models"]),
            (["chain", "verify", "--data", "chain"], ["chain_id", "height", "tip", "checkpoint_height", "seconds"]),
            (["inspect", "m.zkpub"],
             ["input_shape", "input_scale", "output_shape", "output_scale", "parameters", "macs", "logits_output", "layers",
              "model_id"]),
            (["infer", "m.zkm", "--input", "two.json"], ["outputs", "predicted"]),
            (["revoke", "--model", "m.zkpub", "--key", "alice.json", "--data", "chain"],
             ["status", "model_id", "height", "transaction_id"]),
        ]
        for (arguments, expected) in expectations {
            let object = try json(arguments)
            #expect(Self.keys(object) == expected, "\(arguments.prefix(2)): \(object.keys.sorted())")
        }
        let prove = try json(["prove", "m.zkm", "--input", "two.json", "--output", "p2.zkp"])
        #expect((prove["samples"] as? [[String: Any]]).map { Set($0[0].keys) } == ["index", "class", "output_int8"])
        let verify = try json(["verify", "p.zkp", "--model", "m.zkpub"])
        #expect(verify["receipt"] is NSNull)
        #expect((verify["samples"] as? [[String: Any]]).map { Set($0[0].keys) } == ["index", "class", "output"])
        let show = try json(["chain", "show", "--data", "chain"])
        let model = (show["models"] as? [[String: Any]])?.first
        #expect(model.map { Set($0.keys) } == ["model_id", "name", "version", "owner", "registered_at", "revoked_at"])
        #expect(model?["revoked_at"] as? Int == 2)
    }

    @Test("- reads standard input and writes standard output: prove | verify, receipt get | receipt verify")
    func standardStreams() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.writeSamples("one.json", count: 1)
        let samples = try Data(contentsOf: URL(fileURLWithPath: space.path("one.json")))
        let proof = try space.run(["prove", "m.zkm", "--input", "-", "--output", "-"], stdin: samples)
        #expect(proof.status == 0, "\(proof)")
        #expect(proof.stdout.starts(with: Array("ZKPF".utf8)))
        #expect(proof.stderr.contains("wrote the proof to standard output"))
        let verified = try space.run(["verify", "-", "--model", "m.zkpub", "--input", "one.json"], stdin: proof.stdout)
        #expect(verified.status == 0 && verified.text.contains("proof valid"), "\(verified)")
        let descriptor = try space.run(["commit", "m.zkm", "--output", "-"])
        #expect(descriptor.stdout == (try Data(contentsOf: URL(fileURLWithPath: space.path("m.zkpub")))))

        try space.expectSuccess(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        let receipt = try space.run(["receipt", "get", "--model", "m.zkpub", "--data", "chain", "--output", "-"])
        #expect(receipt.status == 0 && receipt.stdout.starts(with: Array("ZKRC".utf8)), "\(receipt)")
        let checked = try space.run(["receipt", "verify", "-", "--genesis", "chain/genesis.json"], stdin: receipt.stdout)
        #expect(checked.status == 0 && checked.text.contains("receipt valid"), "\(checked)")
        #expect(try space.run(["prove", "m.zkm", "--input", "one.json", "--output", "-", "--json"]).status == 2)
    }

    @Test("inspect reads a .zkpub: the same architecture and soundness budget as the private model")
    func inspectDescriptor() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        let fromModel = try space.run(["inspect", "m.zkm", "--json"]).json()
        let fromDescriptor = try space.run(["inspect", "m.zkpub", "--json"]).json()
        #expect((fromDescriptor["model_id"] as? String)?.count == 64)
        // The private model holds its commitment, so it knows its ID too.
        #expect(fromModel["model_id"] as? String == fromDescriptor["model_id"] as? String)
        let canonical = { (object: [String: Any]) in try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        #expect(try canonical(fromModel) == canonical(fromDescriptor))
        let budgetModel = try space.run(["inspect", "m.zkm", "--soundness"]).text
        let budgetDescriptor = try space.run(["inspect", "m.zkpub", "--soundness"]).text
        #expect(budgetModel == budgetDescriptor && budgetModel.contains("total"))
    }

    @Test("revoke --model M.zkpub, and verify --first N matches prove --first N")
    func revokeByDescriptorAndVerifyFirst() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.writeSamples("five.json", count: 5)
        try space.expectSuccess(["prove", "m.zkm", "--input", "five.json", "--first", "2", "--output", "p.zkp"])
        let first = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--input", "five.json", "--first", "2"])
        #expect(first.status == 0 && first.text.contains("input matches"), "\(first)")
        let all = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--input", "five.json"])
        #expect(all.status == 1 && all.stderr.contains("--first 2"), "\(all)")
        let three = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--input", "five.json", "--first", "3"])
        #expect(three.status == 1, "\(three)")

        try space.expectSuccess(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        let revoked = try space.run(["revoke", "--model", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        #expect(revoked.status == 0 && revoked.text.contains("revoked model"), "\(revoked)")
        let again = try space.run(["revoke", "--model", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        #expect(again.status == 1 && again.stderr.contains("already revoked at block 2"), "\(again)")
    }
}
