import Foundation
import Testing
import ZKProof

/// Defect 6: verify without --input shows which input the proof is about.
@Suite("Proven input") struct VerifyInputTests {
    @Test("verify prints the SHA-256 of the proof's int8 input, and --json the input itself")
    func inputDigest() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        try space.writeSamples("two.json", count: 2)
        try space.expectSuccess(["prove", "m.zkm", "--input", "two.json", "--output", "p.zkp"])
        let json = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--json"]).json()
        let input = json["input_int8"] as? [[Int]] ?? []
        #expect(input.count == 2 && input.allSatisfy { $0.count == 64 }, "\(json)")
        let digest = SHA256.hash(input.joined().map { UInt8(bitPattern: Int8(truncatingIfNeeded: $0)) }).hex
        #expect(json["input_sha256"] as? String == digest)
        #expect(json["input_checked"] as? Bool == false)

        let text = try space.run(["verify", "p.zkp", "--model", "m.zkpub"])
        #expect(text.status == 0 && text.text.contains("input sha256 \(digest)"), "\(text)")
        #expect(text.text.contains("not checked"))

        // The same values as the prover's own quantization of the file (infer --quantized's input side).
        let checked = try space.run(["verify", "p.zkp", "--model", "m.zkpub", "--input", "two.json", "--json"]).json()
        #expect(checked["input_checked"] as? Bool == true)
        #expect(checked["input_sha256"] as? String == digest)
    }
}
