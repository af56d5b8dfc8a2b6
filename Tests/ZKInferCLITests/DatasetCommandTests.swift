import Foundation
import Testing

/// Dataset provenance from the CLI: a samples file's Merkle root, its registration on the
/// embedded chain, its receipt, and the offline check that a file is the registered dataset.
@Suite("Dataset provenance")
struct DatasetCommandTests {
    @Test("the Merkle root equals the independent Python computation (Vectors/chain/dataset_root.py)")
    func knownRoot() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        try space.write("d.json", #"{"input_data": [[1.0, -2.5], [0.25], [3.0, 4.0, 5.0]]}"#)
        let root = try space.expectSuccess(["dataset", "root", "d.json", "--json"]).json()
        #expect(root["merkle_root"] as? String == "f81a723abcf4c443f054609f4989825569c977254723bb2f9337b83a5fb07cd7")
        #expect(root["size"] as? Int == 3)
        // Another order is another dataset.
        try space.write("swapped.json", #"{"input_data": [[0.25], [1.0, -2.5], [3.0, 4.0, 5.0]]}"#)
        let swapped = try space.expectSuccess(["dataset", "root", "swapped.json", "--json"]).json()
        #expect(swapped["merkle_root"] as? String != root["merkle_root"] as? String)
    }

    @Test("register, receipt and verify offline; a changed file, a second registration, another chain and a damaged receipt are refused")
    func registerAndVerify() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.writeSamples("data.json", count: 20)
        let registered = try space.expectSuccess(["dataset", "register", "data.json", "--key", "alice.json", "--data", "chain",
                                                  "--name", "digits-test", "--json"]).json()
        let root = try #require(registered["merkle_root"] as? String)
        #expect(registered["size"] as? Int == 20 && registered["height"] as? Int == 1)

        try space.expectSuccess(["dataset", "receipt", "data.json", "--data", "chain", "--output", "data.receipt"])
        let verified = try space.expectSuccess(["dataset", "verify", "data.json", "--receipt", "data.receipt",
                                                "--genesis", "chain/genesis.json", "--json"]).json()
        #expect(verified["merkle_root"] as? String == root && verified["name"] as? String == "digits-test")
        #expect(verified["size"] as? Int == 20 && verified["height"] as? Int == 1)
        // The receipt by root gives the same bytes.
        try space.expectSuccess(["dataset", "receipt", "--root", root, "--data", "chain", "--output", "by-root.receipt"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.path("by-root.receipt")))
                == Data(contentsOf: URL(fileURLWithPath: space.path("data.receipt"))))

        // One sample fewer: not the registered dataset.
        try space.writeSamples("fewer.json", count: 19)
        let fewer = try space.run(["dataset", "verify", "fewer.json", "--receipt", "data.receipt", "--genesis", "chain/genesis.json"])
        #expect(fewer.status == 1 && fewer.stderr.contains("is not the registered dataset"), "\(fewer)")

        let again = try space.run(["dataset", "register", "data.json", "--key", "bob.json", "--data", "chain"])
        #expect(again.status == 1 && again.stderr.contains("already registered"), "\(again)")

        try space.expectSuccess(["chain", "init", "--data", "other"])
        let otherChain = try space.run(["dataset", "verify", "data.json", "--receipt", "data.receipt", "--genesis", "other/genesis.json"])
        #expect(otherChain.status == 1 && otherChain.stderr.contains("receipt rejected"), "\(otherChain)")

        let bytes = try Data(contentsOf: URL(fileURLWithPath: space.path("data.receipt")))
        for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 23)) {
            var damaged = bytes
            damaged[offset] ^= 0x41
            try damaged.write(to: URL(fileURLWithPath: space.path("damaged.receipt")))
            let result = try space.run(["dataset", "verify", "data.json", "--receipt", "damaged.receipt", "--genesis", "chain/genesis.json"])
            #expect(result.status == 1 || result.status == 3, "byte \(offset): \(result)")
        }

        let unknown = try space.run(["dataset", "receipt", "fewer.json", "--data", "chain", "--output", "x.receipt"])
        #expect(unknown.status == 1 && unknown.stderr.contains("not registered"), "\(unknown)")
    }
}
