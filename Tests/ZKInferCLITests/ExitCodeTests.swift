import Foundation
import Testing

/// Exit codes: 0 success, 1 rejected, 2 usage, 3 input, 4 chain/network; documented in --help.
@Suite("Exit codes") struct ExitCodeTests {
    @Test("the root --help documents every exit code")
    func documented() throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        for line in ["0  success", "1  rejected", "2  usage error", "3  input error", "4  chain or network error"] {
            #expect(help.text.contains(line), "missing \(line)")
        }
    }

    @Test("each category exits with its code, as text and as JSON")
    func categories() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.writeSamples("one.json", count: 1)
        try space.expectSuccess(["prove", "m.zkm", "--input", "one.json", "--output", "p.zkp"])
        var tampered = try Data(contentsOf: URL(fileURLWithPath: space.path("p.zkp")))
        tampered[tampered.count - 100] ^= 0x01
        try tampered.write(to: URL(fileURLWithPath: space.path("bad.zkp")))

        let cases: [(arguments: [String], code: Int32, kind: String)] = [
            (["verify", "p.zkp", "--model", "m.zkpub"], 0, ""),
            (["verify", "bad.zkp", "--model", "m.zkpub"], 1, "rejected"),
            (["verify", "p.zkp", "--model", "m.zkpub", "--no-such-option"], 2, "usage"),
            (["verify", "missing.zkp", "--model", "m.zkpub"], 3, "input"),
            (["chain", "show", "--node", "http://127.0.0.1:9"], 4, "chain"),
        ]
        for entry in cases {
            let text = try space.run(entry.arguments)
            #expect(text.status == entry.code, "\(entry.arguments): \(text)")
            let json = try space.run(entry.arguments + ["--json"])
            #expect(json.status == entry.code, "\(entry.arguments) --json: \(json)")
            if entry.code != 0 {
                let error = json.json()["error"] as? [String: Any]
                #expect(error?["code"] as? Int == Int(entry.code), "\(json)")
                #expect(error?["kind"] as? String == entry.kind, "\(json)")
                #expect((error?["message"] as? String)?.isEmpty == false, "\(json)")
            }
        }
    }

    @Test("ArgumentParser's own validation errors exit 2, not 64")
    func parserErrors() throws {
        #expect(try CLIRunner.run(["prove"]).status == 2)
        #expect(try CLIRunner.run(["no-such-command"]).status == 2)
        #expect(try CLIRunner.run(["receipt", "verify", "r", "--genesis", "g", "--max-age", "5 weeks"]).status == 2)
    }
}

/// Defect 8: options that used to be ignored are errors (exit 2) or warnings.
@Suite("Ignored options") struct IgnoredOptionTests {
    @Test("verify --genesis without --receipt, infer --quantized without --json, --repetitions 0")
    func refused() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        try space.writeSamples("one.json", count: 1)
        try space.expectSuccess(["prove", "m.zkm", "--input", "one.json", "--output", "p.zkp"])
        let genesis = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--genesis", "g.json"])
        #expect(genesis.status == 2 && genesis.stderr.contains("--genesis"), "\(genesis)")
        let quantized = try space.run(["infer", "m.zkm", "--input", "one.json", "--quantized"])
        #expect(quantized.status == 2 && quantized.stderr.contains("--json"), "\(quantized)")
        #expect(try space.run(["infer", "m.zkm", "--input", "one.json", "--quantized", "--json"]).status == 0)
        let repetitions = try space.run(["bench", "core", "--repetitions", "0"])
        #expect(repetitions.status == 2 && repetitions.stderr.contains("--repetitions"), "\(repetitions)")
        #expect(try space.run(["bench", "prove", "--repetitions", "0"]).status == 2)
        let maxAge = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--max-age", "1h"])
        #expect(maxAge.status == 2, "\(maxAge)")
    }

    @Test("prove --first 5 on a one-sample file names the sample count")
    func firstBeyondSamples() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        try space.writeSamples("one.json", count: 1)
        let result = try space.run(["prove", "m.zkm", "--input", "one.json", "--first", "5", "--output", "p.zkp"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("holds 1 sample"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: space.path("p.zkp")))
        #expect(try space.run(["prove", "m.zkm", "--input", "one.json", "--first", "0", "--output", "p.zkp"]).status == 2)
    }

    @Test("inspect --json --soundness prints the soundness budget as JSON")
    func soundnessJSON() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        for file in ["m.zkm", "m.zkpub"] {
            let result = try space.run(["inspect", file, "--json", "--soundness"])
            #expect(result.status == 0, "\(result)")
            let json = result.json()
            // Bounded by discrete logarithms in BN254 G1 (≈ 100 bits) plus the witness opening.
            #expect((json["total_bits"] as? Double ?? 0) >= 99.5, "\(result)")
            #expect((json["components"] as? [[String: Any]])?.isEmpty == false, "\(result)")
        }
    }

    @Test("ZKINFER_THREADS: not a positive number is an error, above the cap a warning with the value used")
    func threads() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        for bad in ["abc", "-3", "0", "1.5"] {
            let result = try space.run(["inspect", "m.zkm"], environment: ["ZKINFER_THREADS": bad])
            #expect(result.status == 2, "ZKINFER_THREADS=\(bad): \(result)")
            #expect(result.stderr.contains("ZKINFER_THREADS"), "\(result)")
        }
        let high = try space.run(["inspect", "m.zkm"], environment: ["ZKINFER_THREADS": "100000"])
        #expect(high.status == 0, "\(high)")
        #expect(high.stderr.contains("warning: ZKINFER_THREADS=100000") && high.stderr.contains("using 256 threads"), "\(high)")
        #expect(try space.run(["inspect", "m.zkm"], environment: ["ZKINFER_THREADS": "1"]).stderr.isEmpty)
    }
}
