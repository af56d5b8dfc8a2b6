import Foundation
import ZKProof

/// One prediction request as the service tracks it, from queued to proven or failed. The input
/// is dropped when proving starts and only outputs and the proof are kept, so a retained job
/// costs its proof's bytes.
package struct ProvingJob: Sendable {
    package enum State: String, Sendable { case queued, proving, succeeded, failed }
    /// Whether a proven prediction is logged on the chain (only with an attestation batcher).
    package enum AttestationState: String, Sendable { case pending, recorded, failed }

    package let id: String
    package let modelID: Digest
    package let created: Date
    package var state: State = .queued
    package var input: [Float]?
    package var stage: String?
    package var stages: [(name: String, seconds: Double)] = []
    package var started: Date?
    package var finished: Date?
    package var outputInt8: [Int8]?
    package var output: [Float]?
    package var predictedClass: Int?
    package var proof: [UInt8]?
    package var error: String?
    package var attestationState: AttestationState?
    /// The attestation receipt ("ZKAR") once recorded, and the block that holds the batch.
    package var attestation: [UInt8]?
    package var attestedHeight: UInt64?
    package var attestationError: String?
    /// Which worker proves or proved it, and how many times it was claimed (scale-out only).
    package var worker: String?
    package var attempts: Int?

    package static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let digits = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    package var isFinished: Bool { state == .succeeded || state == .failed }
    package var queuedSeconds: Double? { started.map { $0.timeIntervalSince(created) } }
    package var proveSeconds: Double? {
        guard let started, let finished else { return nil }
        return finished.timeIntervalSince(started)
    }
}
