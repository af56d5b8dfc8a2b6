import Foundation
import Testing

/// Defect 1: re-registering is idempotent for the owner's identical model, and an error naming
/// the owner and block for anyone else's or a revoked model; the embedded chain and a node agree.
@Suite("Registration ownership") struct RegistrationTests {
    /// Runs the same script against `location` (["--data", "chain"] or ["--node", URL]).
    static func script(_ space: Workspace, location: [String]) throws {
        let first = try space.run(["register", "m.zkpub", "--key", "alice.json"] + location)
        #expect(first.status == 0 && first.text.contains("registered model"), "\(first)")

        let again = try space.run(["register", "m.zkpub", "--key", "alice.json", "--json"] + location)
        #expect(again.status == 0, "\(again)")
        #expect(again.json()["status"] as? String == "already_registered")
        #expect(again.json()["transaction_id"] is NSNull)
        let againText = try space.run(["register", "m.zkpub", "--key", "alice.json"] + location)
        #expect(againText.status == 0 && againText.text.contains("already registered by this key at block 1"), "\(againText)")

        let aliceKey = try Data(contentsOf: URL(fileURLWithPath: space.path("alice.json")))
        let alicePublic = (try JSONSerialization.jsonObject(with: aliceKey) as? [String: Any])?["public_key"] as? String ?? "?"

        let other = try space.run(["register", "m.zkpub", "--key", "bob.json"] + location)
        #expect(other.status == 1, "\(other)")
        #expect(other.stderr.contains(alicePublic) && other.stderr.contains("block 1"), "\(other)")

        let renamed = try space.run(["register", "m.zkpub", "--key", "alice.json", "--version", "2"] + location)
        #expect(renamed.status == 1 && renamed.stderr.contains("version"), "\(renamed)")

        try space.expectSuccess(["revoke", "--model", "m.zkpub", "--key", "alice.json"] + location)
        for key in ["alice.json", "bob.json"] {
            let revoked = try space.run(["register", "m.zkpub", "--key", key] + location)
            #expect(revoked.status == 1, "\(key): \(revoked)")
            #expect(revoked.stderr.contains("revoked at block 2") && revoked.stderr.contains(alicePublic), "\(revoked)")
        }
    }

    @Test("embedded chain (--data)")
    func embedded() throws {
        let space = try Workspace()
        defer { space.remove() }
        try Self.script(space, location: ["--data", "chain"])
    }

    @Test("through a node (--node): the same answers, and receipt verify --node fetches a fresh receipt")
    func node() throws {
        let space = try Workspace()
        defer { space.remove() }
        let node = try NodeChild(data: "chain", genesis: "chain/genesis.json", key: "chain/validator-0.json", in: space.directory)
        defer { node.stop() }
        try Self.script(space, location: ["--node", node.url])

        let fresh = try space.run(["receipt", "verify", "--node", node.url, "--model", "m.zkpub", "--genesis", "chain/genesis.json"])
        #expect(fresh.status == 1 && fresh.stderr.contains("revoked at block 2"), "\(fresh)")
        let json = try space.run(["receipt", "verify", "--node", node.url, "--model", "m.zkpub", "--genesis", "chain/genesis.json",
                                  "--json"])
        #expect(json.status == 1, "\(json)")
    }
}
