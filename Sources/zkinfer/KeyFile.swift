import Foundation
import ZKChain
import ZKProof

/// A key file: {"kind": "ed25519", "public_key": hex, "seed": hex}, written with mode 0600.
struct KeyFile: Codable {
    var kind = "ed25519"
    var public_key: String
    var seed: String

    static let expected = "an Ed25519 key file (from `zkinfer keygen`)"

    static func load(_ path: String) throws(CLIError) -> SigningKey {
        let bytes = try CLIFiles.read(path, what: expected)
        if let kind = FileKind.detect(bytes), kind != .json {
            throw .input("\(displayPath(path)) is \(kind.name), expected \(expected)")
        }
        guard let file = try? JSONDecoder().decode(KeyFile.self, from: Data(bytes)) else {
            throw .input("\(displayPath(path)) is not \(expected): it needs \"kind\", \"public_key\" and \"seed\"")
        }
        guard file.kind == "ed25519" else {
            throw .input("\(displayPath(path)) holds a \"\(terminalSafe(file.kind))\" key, expected an ed25519 key")
        }
        guard let seed = [UInt8](hexString: file.seed), let key = SigningKey(seed: seed) else {
            throw .input("\(displayPath(path)): \"seed\" is not 32 bytes of hex; the key file is damaged")
        }
        guard key.publicKey.hex == file.public_key.lowercased() else {
            throw .input("\(displayPath(path)): the public key does not match the seed; the key file is damaged")
        }
        return key
    }

    static func write(_ key: SigningKey, to path: String) throws(CLIError) {
        let file = KeyFile(public_key: key.publicKey.hex, seed: key.seed.hexString)
        guard let data = try? sortedEncoder().encode(file) else { throw .input("cannot encode the key file") }
        try CLIFiles.write(Array(data), to: path, what: "a key file", private: true)
    }
}
