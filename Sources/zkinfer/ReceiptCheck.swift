import Foundation
import ZKChain
import ZKML
import ZKProof
import ZKServer
import ZKVerify

/// A receipt checked against a genesis, with the date of its latest signed header: what
/// `receipt verify` and `verify --receipt` report and judge.
struct ReceiptCheck {
    /// The receipt as checked by `ZKVerify`.
    let registration: VerifiedRegistration
    /// Where the receipt came from: a file path or the node's URL.
    let source: String

    var record: ModelRecord { registration.record }
    var asOfHeight: UInt64 { registration.asOfHeight }
    /// The latest header's timestamp, milliseconds since the Unix epoch.
    var asOfMilliseconds: UInt64 { registration.asOfTime }

    var asOfISO8601: String { iso8601(asOfMilliseconds) }
    /// The latest header's age now, as `OfflineVerifier.judge` measures it.
    var ageSeconds: Double { registration.age(at: Chain.wallClock()) / .seconds(1) }

    /// "as of block N (time T)", the status's date.
    var asOfText: String { "as of block \(asOfHeight) (time \(asOfISO8601))" }

    /// Loads the receipt from `path`, or fetches a fresh one from `node` when given (then
    /// `path` is not read), and verifies it against the genesis at `genesisPath`.
    static func load(path: String?, node: String?, modelID: Digest?, genesisPath: String) async throws(CLIError) -> ReceiptCheck {
        let genesis = try Loaders.genesis(genesisPath)
        let receipt: ModelReceipt
        let source: String
        if let node {
            let client = try ChainLocation.makeClient(node)
            guard let modelID else { throw .usage("--node needs the model: give --model M.zkpub (or the model ID)") }
            do {
                receipt = try await client.receipt(for: modelID)
            } catch {
                throw CLIError.fromNode(error, url: client.baseURL)
            }
            source = node
        } else {
            guard let path else { throw .usage("give a receipt file, or --node URL to fetch a fresh receipt") }
            receipt = try Loaders.receipt(path)
            source = path
        }
        return try check(receipt, source: source, modelID: modelID, genesis: genesis, genesisPath: genesisPath)
    }

    /// Verifies `receipt` (read from `source`) against `genesis`.
    static func check(_ receipt: ModelReceipt, source: String, modelID: Digest?, genesis: Genesis,
                      genesisPath: String) throws(CLIError) -> ReceiptCheck {
        do {
            return ReceiptCheck(registration: try OfflineVerifier.checkReceipt(receipt, genesis: genesis, modelID: modelID),
                                source: source)
        } catch {
            switch error {
            case let .receiptForAnotherModel(expected, got):
                throw .rejected("receipt rejected: \(displayPath(source)) is the receipt of model \(got.hex), not \(expected.hex)")
            default:
                let reason = if case let .receipt(receiptError) = error { receiptError.description } else { error.description }
                throw .rejected("receipt rejected: \(displayPath(source)) does not check against \(displayPath(genesisPath)): "
                                + terminalSafe(reason))
            }
        }
    }

    /// Throws a rejection when the model is revoked or the latest header is older than `maxAge`.
    func judge(maxAge: MaxAge?) throws(CLIError) {
        do {
            try OfflineVerifier.judge(registration, maximumAge: maxAge.map { .seconds(Int64($0.seconds)) })
        } catch {
            if case let .revoked(modelID, height, _, _) = error {
                throw .rejected("model \(modelID.hex) was revoked at block \(height) (\(asOfText))")
            }
            throw .rejected("receipt too old: its latest header is block \(asOfHeight) at \(asOfISO8601), "
                            + "\(Self.formatAge(ageSeconds)) ago, above --max-age \(maxAge?.text ?? "?"); fetch a fresh receipt "
                            + "(`zkinfer receipt get`, or --node URL)")
        }
    }

    /// Throws a rejection when the receipt's entry is not `descriptor`'s model (same ID, but
    /// another circuit or weights commitment would mean a damaged descriptor or receipt).
    func requireDescriptor(_ descriptor: ModelDescriptor, path: String) throws(CLIError) {
        do {
            try OfflineVerifier.checkDescriptor(registration, of: descriptor)
        } catch {
            throw .rejected("the receipt registers model \(record.modelID.hex), not \(displayPath(path))'s "
                            + "\(descriptor.modelID.hex): \(error.description); fetch the receipt of this model")
        }
    }

    /// The JSON form (`receipt verify --json`, and `receipt` inside `verify --json`).
    struct JSON: Encodable {
        var valid: Bool
        var model_id: String
        var name: String
        var version: String
        var owner: String
        var registered_at: UInt64
        @Nullable var revoked_at: UInt64?
        var as_of_height: UInt64
        var as_of_time: String
        var age_s: Double
        var source: String
    }

    var json: JSON {
        JSON(valid: record.revokedAt == nil, model_id: record.modelID.hex, name: record.name, version: record.version,
             owner: record.owner.hex, registered_at: record.registeredAt, revoked_at: record.revokedAt,
             as_of_height: asOfHeight, as_of_time: asOfISO8601, age_s: (ageSeconds * 1000).rounded() / 1000, source: source)
    }

    static func formatAge(_ seconds: Double) -> String {
        if seconds < 120 { return String(format: "%.0f s", seconds) }
        if seconds < 7200 { return String(format: "%.0f min", seconds / 60) }
        if seconds < 172_800 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f days", seconds / 86400)
    }
}

/// Milliseconds since the epoch as ISO 8601 in UTC ("2026-12-01T11:33:16.123Z").
func iso8601(_ milliseconds: UInt64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
}
