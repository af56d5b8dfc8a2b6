import Foundation
import Testing

/// Defect 7: an output never overwrites an input; private files are mode 0600.
@Suite("Output safety") struct OutputSafetyTests {
    @Test("commit m.zkm --output m.zkm (directly, through a symlink or a hard link) is refused and leaves m.zkm intact")
    func neverOverwriteInput() throws {
        let space = try Workspace(chain: false)
        defer { space.remove() }
        let original = try Data(contentsOf: URL(fileURLWithPath: space.path("m.zkm")))
        try FileManager.default.createSymbolicLink(atPath: space.path("link.zkm"), withDestinationPath: space.path("m.zkm"))
        try FileManager.default.linkItem(atPath: space.path("m.zkm"), toPath: space.path("hard.zkm"))
        for output in ["m.zkm", "./m.zkm", space.path("m.zkm"), "link.zkm", "hard.zkm"] {
            let result = try space.run(["commit", "m.zkm", "--output", output])
            #expect(result.status == 2, "--output \(output): \(result)")
            #expect(result.stderr.contains("refusing to overwrite"), "\(result)")
        }
        let viaLink = try space.run(["commit", "link.zkm", "--output", "m.zkm"])
        #expect(viaLink.status == 2, "\(viaLink)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.path("m.zkm"))) == original)

        try space.writeSamples("one.json", count: 1)
        for output in ["m.zkm", "one.json"] {
            #expect(try space.run(["prove", "m.zkm", "--input", "one.json", "--output", output]).status == 2)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: space.path("m.zkm"))) == original)
    }

    @Test("import writes the private model and keygen the key with mode 0600; descriptors stay readable")
    func privateModes() throws {
        let space = try Workspace()
        defer { space.remove() }
        func mode(_ name: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: space.path(name))[.posixPermissions] as? Int) ?? -1
        }
        #expect(try mode("m.zkm") == 0o600)
        #expect(try mode("alice.json") == 0o600)
        #expect(try mode("chain/validator-0.json") == 0o600)
        #expect(try mode("m.zkpub") == 0o644)
        // Re-importing over an existing world-readable file still leaves it private.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: space.path("m.zkm"))
        try space.expectSuccess(["import", Workspace.zoo.appendingPathComponent("model.onnx").path,
                                 "--calibration", Workspace.calibration, "--output", "m.zkm"])
        #expect(try mode("m.zkm") == 0o600)
        #expect(try space.run(["keygen", "--output", "alice.json"]).status == 2)
    }
}
