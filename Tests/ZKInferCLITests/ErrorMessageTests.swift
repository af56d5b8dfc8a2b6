import Foundation
import Testing

/// Defect 9: user-facing errors name the file, what was expected and what to do, and never
/// show Foundation error codes, SwiftNIO errnos or Swift decoding dumps.
@Suite("Error messages") struct ErrorMessageTests {
    static let leaks = ["NSCocoaErrorDomain", "Code=", "errno", "DecodingError", "codingPath", "typeMismatch",
                            "dataCorrupted", "keyNotFound", "bad magic", "Swift.", "Optional("]

    static func expectClean(_ result: CLIRunner.Result, code: Int32, contains fragments: [String],
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == code, "\(result)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "missing \"\(fragment)\": \(result)", sourceLocation: sourceLocation)
        }
        for leak in leaks {
            #expect(!result.stderr.contains(leak), "leaks \"\(leak)\": \(result)", sourceLocation: sourceLocation)
        }
    }

    @Test("a file of the wrong kind is named by its magic")
    func wrongKind() throws {
        let space = try Workspace()
        defer { space.remove() }
        Self.expectClean(try space.run(["verify", "m.zkpub", "--model", "m.zkpub"]), code: 3,
                         contains: ["m.zkpub is a model descriptor (.zkpub), expected a proof (.zkp)"])
        Self.expectClean(try space.run(["commit", "m.zkpub", "--output", "x.zkpub"]), code: 3,
                         contains: ["m.zkpub is a model descriptor (.zkpub), expected a private model (.zkm)"])
        Self.expectClean(try space.run(["register", "m.zkm", "--key", "alice.json", "--data", "chain"]), code: 3,
                         contains: ["m.zkm is a private model (.zkm), expected a model descriptor (.zkpub)"])
        Self.expectClean(try space.run(["receipt", "verify", "m.zkpub", "--genesis", "chain/genesis.json"]), code: 3,
                         contains: ["m.zkpub is a model descriptor (.zkpub), expected a registration receipt"])
        Self.expectClean(try space.run(["register", "m.zkpub", "--key", "m.zkm", "--data", "chain"]), code: 3,
                         contains: ["m.zkm is a private model (.zkm), expected an Ed25519 key file"])
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "m.zkpub"]), code: 3,
                         contains: ["m.zkpub is a model descriptor (.zkpub), expected a samples file"])
        try space.write("junk.zkp", "hello")
        Self.expectClean(try space.run(["verify", "junk.zkp", "--model", "m.zkpub"]), code: 3,
                         contains: ["junk.zkp is not a proof (.zkp)"])
    }

    @Test("a missing file is said not to exist, not to be of the wrong format")
    func missing() throws {
        let space = try Workspace()
        defer { space.remove() }
        Self.expectClean(try space.run(["register", "m.zkpub", "--key", "nobody.json", "--data", "chain"]), code: 3,
                         contains: ["nobody.json does not exist", "Ed25519 key file"])
        Self.expectClean(try space.run(["verify", "none.zkp", "--model", "m.zkpub"]), code: 3, contains: ["none.zkp does not exist"])
        Self.expectClean(try space.run(["chain", "show", "--data", "nochain"]), code: 3,
                         contains: ["nochain does not exist", "zkinfer chain init"])
        Self.expectClean(try space.run(["verify", "chain", "--model", "m.zkpub"]), code: 3, contains: ["chain is a directory"])
        // A file name with control characters is shown escaped.
        let escaped = try space.run(["verify", "evil\u{1B}[2J.zkp", "--model", "m.zkpub"])
        #expect(escaped.stderr.contains("evil\\u{1B}[2J.zkp") && !escaped.stderr.contains("\u{1B}"), "\(escaped)")
    }

    @Test("writing into a missing directory names it instead of a Foundation error code")
    func unwritable() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        Self.expectClean(try space.run(["commit", "m.zkm", "--output", "no/such/dir/m.zkpub"]), code: 3,
                         contains: ["cannot write no/such/dir/m.zkpub", "does not exist"])
        try space.writeSamples("one.json", count: 1)
        Self.expectClean(try space.run(["prove", "m.zkm", "--input", "one.json", "--output", "nodir/p.zkp"]), code: 3,
                         contains: ["cannot write nodir/p.zkp"])
    }

    @Test("sample files: NaN, Infinity and 1e300 are named as non-finite values; structure errors without decoding dumps")
    func samples() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        let row = Array(repeating: "0.5", count: 63)
        try space.write("nan.json", "{\"input_data\": [[NaN, \(row.joined(separator: ", "))]]}")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "nan.json"]), code: 3,
                         contains: ["nan.json", "NaN at line 1, column 18 is not a finite number"])
        try space.write("inf.json", "{\"input_data\": [[\(row.joined(separator: ", ")),\n -Infinity]]}")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "inf.json"]), code: 3,
                         contains: ["-Infinity at line 2, column 2 is not a finite number"])
        try space.write("big.json", "{\"input_data\": [[\(row.joined(separator: ", ")), 1e300]]}")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "big.json"]), code: 3,
                         contains: ["sample 0, value 63", "is not a finite 32-bit number"])
        try space.write("shape.json", "{\"input_data\": \"x\"}")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "shape.json"]), code: 3,
                         contains: ["shape.json", "\"input_data\" must be a non-empty array"])
        try space.write("string.json", "{\"input_data\": [[\"1\"]]}")
        Self.expectClean(try space.run(["prove", "m.zkm", "--input", "string.json", "--output", "p.zkp"]), code: 3,
                         contains: ["sample 0, value 0 is a string, expected a number"])
        try space.write("nokey.json", "{\"inputs\": [[1]]}")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "nokey.json"]), code: 3, contains: ["has no \"input_data\" key"])
        try space.write("broken.json", "{\"input_data\": [[1, 2]")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "broken.json"]), code: 3, contains: ["broken.json is not valid JSON"])
        try space.writeSamples("one.json", count: 1)
        try space.write("short.json", "{\"input_data\": [[1, 2, 3]]}")
        Self.expectClean(try space.run(["infer", "m.zkm", "--input", "short.json"]), code: 3,
                         contains: ["sample 0 has 3 values, the model's input has 64"])
    }

    @Test("key and genesis files: damaged content is described, with what to do")
    func keysAndGenesis() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.write("half.json", "{\"kind\": \"ed25519\"}")
        Self.expectClean(try space.run(["register", "m.zkpub", "--key", "half.json", "--data", "chain"]), code: 3,
                         contains: ["half.json is not an Ed25519 key file", "\"seed\""])
        try space.write("genesis.json", "{\"chain_name\": 5}")
        Self.expectClean(try space.run(["receipt", "verify", "m.zkpub", "--genesis", "genesis.json"]), code: 3,
                         contains: ["genesis.json is not a valid genesis file", "zkinfer chain init"])
    }

    @Test("a listen address in use is reported as such, not as a bind errno")
    func addressInUse() throws {
        let space = try Workspace()
        defer { space.remove() }
        let node = try NodeChild(data: "chain", genesis: "chain/genesis.json", key: "chain/validator-0.json", in: space.directory)
        defer { node.stop() }
        let address = node.url.replacingOccurrences(of: "http://", with: "")
        try space.expectSuccess(["chain", "init", "--data", "other"])
        let result = try space.run(["node", "start", "--data", "other", "--genesis", "other/genesis.json",
                                    "--key", "other/validator-0.json", "--listen", address])
        Self.expectClean(result, code: 4, contains: ["address \(address) is already in use"])
    }

    @Test("an unreachable node is a chain error naming the URL")
    func unreachable() throws {
        let space = try Workspace()
        defer { space.remove() }
        Self.expectClean(try space.run(["register", "m.zkpub", "--key", "alice.json", "--node", "http://127.0.0.1:9"]), code: 4,
                         contains: ["cannot reach the node at http://127.0.0.1:9"])
        Self.expectClean(try space.run(["register", "m.zkpub", "--key", "alice.json", "--node", "ftp://x"]), code: 2,
                         contains: ["not an http(s) URL"])
    }
}
