import Foundation
import ZKProof

/// The genesis file: `{"chain_name", "timestamp_ms", "validators": [hex…], "threshold"}`.
/// Reading it is strict (no unknown keys, lowercase or uppercase hex of exactly 32 bytes,
/// validators already in ascending order) because the file defines who may sign blocks.
extension Genesis {
    private struct File: Codable {
        var chain_name: String
        var timestamp_ms: UInt64
        var validators: [String]
        var threshold: Int
    }

    private static let fileKeys: Set<String> = ["chain_name", "timestamp_ms", "validators", "threshold"]

    public init(json: Data) throws(ChainDecodingError) {
        guard json.count <= ChainLimits.maximumGenesisJSONBytes else {
            throw .tooLarge(what: "genesis JSON", size: json.count, limit: ChainLimits.maximumGenesisJSONBytes)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw .invalidJSON("not JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else { throw .invalidJSON("expected an object") }
        let unknown = Set(dictionary.keys).subtracting(Self.fileKeys)
        guard unknown.isEmpty else { throw .invalidJSON("unknown keys \(unknown.sorted())") }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: json)
        } catch {
            throw .invalidJSON(Self.describe(error))
        }
        guard file.validators.count <= ChainLimits.maximumValidators else {
            throw .invalidGenesis("\(file.validators.count) validators, expected 1…\(ChainLimits.maximumValidators)")
        }
        var keys = [PublicKey]()
        for (index, hex) in file.validators.enumerated() {
            guard let key = PublicKey(hex: hex) else {
                throw .invalidGenesis("validator \(index) is not 64 hex characters: \(hex.prefix(80))")
            }
            keys.append(key)
        }
        try self.init(chainName: file.chain_name, timestamp: file.timestamp_ms, sortedValidators: keys, threshold: file.threshold)
    }

    /// Pretty-printed with sorted keys, so the same genesis always writes the same file.
    public func json() -> Data {
        let file = File(chain_name: chainName, timestamp_ms: timestamp, validators: validators.map(\.hex), threshold: threshold)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding strings and integers into JSON cannot fail.
        return (try? encoder.encode(file)) ?? Data()
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? Swift.DecodingError else { return "\(error)" }
        func path(_ context: Swift.DecodingError.Context) -> String {
            context.codingPath.map { $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, _): return "missing key \"\(key.stringValue)\""
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "wrong type at \(path(context)): \(context.debugDescription)"
        case let .dataCorrupted(context):
            return "bad value at \(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
