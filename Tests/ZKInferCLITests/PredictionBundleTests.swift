import Foundation
import Testing

/// A prediction bundle (.zkr) holds the proof, the descriptor and the receipt; `verify B.zkr
/// --genesis G` checks all of it offline, and any damaged part is refused without a crash.
@Suite("Prediction bundles")
struct PredictionBundleTests {
    /// A registered model, a proof of one sample, its receipt and the bundle of the three.
    static func prepare(_ space: Workspace) throws {
        try space.writeSamples("x.json", count: 1)
        try space.expectSuccess(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        try space.expectSuccess(["prove", "m.zkm", "--input", "x.json", "--output", "p.zkp"])
        try space.expectSuccess(["receipt", "get", "--model", "m.zkpub", "--data", "chain", "--output", "m.receipt"])
        try space.expectSuccess(["bundle", "p.zkp", "--model", "m.zkpub", "--receipt", "m.receipt", "--output", "b.zkr"])
    }

    @Test("bundle, then verify offline with the genesis alone (and the input)")
    func verifies() throws {
        let space = try Workspace()
        defer { space.remove() }
        try Self.prepare(space)
        let result = try space.expectSuccess(["verify", "b.zkr", "--genesis", "chain/genesis.json", "--input", "x.json", "--json"]).json()
        #expect(result["valid"] as? Bool == true && result["input_checked"] as? Bool == true)
        let receipt = try #require(result["receipt"] as? [String: Any])
        #expect(receipt["registered_at"] as? Int == 1)
        let text = try space.expectSuccess(["verify", "b.zkr", "--genesis", "chain/genesis.json"])
        #expect(text.text.contains("receipt valid") && text.text.contains("proof valid"), "\(text)")
    }

    @Test("usage: a bundle with --model, or without --genesis, is a usage error; a revoked model is rejected")
    func usageAndRevocation() throws {
        let space = try Workspace()
        defer { space.remove() }
        try Self.prepare(space)
        let withModel = try space.run(["verify", "b.zkr", "--model", "m.zkpub", "--genesis", "chain/genesis.json"])
        #expect(withModel.status == 2 && withModel.stderr.contains("carries the descriptor"), "\(withModel)")
        let withoutGenesis = try space.run(["verify", "b.zkr"])
        #expect(withoutGenesis.status == 2 && withoutGenesis.stderr.contains("--genesis"), "\(withoutGenesis)")
        let proofWithoutModel = try space.run(["verify", "p.zkp"])
        #expect(proofWithoutModel.status == 2 && proofWithoutModel.stderr.contains("--model"), "\(proofWithoutModel)")

        try space.expectSuccess(["revoke", "--model", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        try space.expectSuccess(["receipt", "get", "--model", "m.zkpub", "--data", "chain", "--output", "revoked.receipt"])
        try space.expectSuccess(["bundle", "p.zkp", "--model", "m.zkpub", "--receipt", "revoked.receipt", "--output", "revoked.zkr"])
        let revoked = try space.run(["verify", "revoked.zkr", "--genesis", "chain/genesis.json"])
        #expect(revoked.status == 1 && revoked.stderr.contains("revoked"), "\(revoked)")
    }

    @Test("a flipped byte anywhere in the bundle is refused (exit 1 or 3), never accepted, never a crash")
    func tampered() throws {
        let space = try Workspace()
        defer { space.remove() }
        try Self.prepare(space)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: space.path("b.zkr")))
        var offsets = Array(stride(from: 0, to: bytes.count, by: max(1, bytes.count / 40)))
        offsets.append(bytes.count - 1)
        for offset in offsets {
            var damaged = bytes
            damaged[offset] ^= 0x24
            try damaged.write(to: URL(fileURLWithPath: space.path("damaged.zkr")))
            let result = try space.run(["verify", "damaged.zkr", "--genesis", "chain/genesis.json"])
            #expect(result.status == 1 || result.status == 3 || (offset < 4 && result.status == 2), "byte \(offset): \(result)")
        }
        // Truncated bundles.
        for length in [3, 5, 9, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(length).write(to: URL(fileURLWithPath: space.path("short.zkr")))
            let result = try space.run(["verify", "short.zkr", "--genesis", "chain/genesis.json"])
            #expect(result.status != 0, "length \(length): \(result)")
        }
    }
}
