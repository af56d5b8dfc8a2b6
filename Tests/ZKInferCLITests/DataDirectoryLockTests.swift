import Foundation
import Testing
import ZKTestSupport

/// Defects 2 and 3: one owner per data directory. CLI writers take turns; a node's directory
/// is refused with the hint to use --node.
@Suite("Data directory lock") struct DataDirectoryLockTests {
    @Test("four concurrent register --data DIR calls all succeed, serialised")
    func concurrentWriters() throws {
        let space = try Workspace()
        defer { space.remove() }
        // Four different models from the zoo, four owners.
        let models = ["digits_mlp_small", "digits_cnn", "digits_mlp", "lenet5"]
        for (index, name) in models.enumerated() {
            let zoo = Repository.url("Circuits/\(name)")
            try space.expectSuccess(["import", zoo.appendingPathComponent("model.onnx").path,
                                     "--calibration", zoo.appendingPathComponent("calibration.json").path,
                                     "--output", "m\(index + 1).zkm"])
            try space.expectSuccess(["commit", "m\(index + 1).zkm", "--output", "m\(index + 1).zkpub"])
            try space.expectSuccess(["keygen", "--output", "owner-\(index + 1).json"])
        }
        let results = UnsafeResults(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            results.set(index, try? space.run(["register", "m\(index + 1).zkpub", "--key", "owner-\(index + 1).json",
                                                "--data", "chain"]))
        }
        for (index, result) in results.values.enumerated() {
            #expect(result?.status == 0, "register \(index + 1): \(String(describing: result))")
        }
        let show = try space.run(["chain", "show", "--data", "chain", "--json"]).json()
        #expect((show["models"] as? [Any])?.count == 4, "\(show)")
        #expect(show["height"] as? Int == 4)
    }

    @Test("register --data X while a node owns X is refused (exit 4) with the node's URL")
    func nodeOwnsDirectory() throws {
        let space = try Workspace()
        defer { space.remove() }
        let node = try NodeChild(data: "chain", genesis: "chain/genesis.json", key: "chain/validator-0.json", in: space.directory)
        defer { node.stop() }
        let result = try space.run(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        #expect(result.status == 4, "\(result)")
        #expect(result.stderr.contains("--node \(node.url)"), "\(result)")
        let revoke = try space.run(["revoke", String(repeating: "ab", count: 32), "--key", "alice.json", "--data", "chain", "--json"])
        #expect(revoke.status == 4, "\(revoke)")
        #expect(((revoke.json()["error"] as? [String: Any])?["message"] as? String)?.contains("--node \(node.url)") == true)

        let second = try CLIRunner.run(["node", "start", "--data", "chain", "--genesis", "chain/genesis.json",
                                         "--key", "chain/validator-0.json", "--listen", "127.0.0.1:0"], in: space.directory)
        #expect(second.status == 4 && second.stderr.contains(node.url), "\(second)")
        // Reading needs no lock.
        #expect(try space.run(["chain", "show", "--data", "chain"]).status == 0)
        node.stop()
        let after = try space.run(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        #expect(after.status == 0, "\(after)")
    }
}

/// Results written from `concurrentPerform` workers, one slot each.
final class UnsafeResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [CLIRunner.Result?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: CLIRunner.Result?) { lock.withLock { values[index] = value } }
}
