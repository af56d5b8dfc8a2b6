import Foundation
import ZKML

/// One prediction proven on a thread of its own (proving is long CPU work: it must not hold a
/// thread of the concurrency pool), with a time limit.
package enum PredictionProof {
    package struct Proven: Sendable {
        package var proof: [UInt8]
        package var input: Tensor<Int8>
        package var output: Tensor<Int8>
    }

    package struct Failure: Error, Sendable {
        package var reason: String
        package var timedOut: Bool
    }

    package static func prove(_ model: ServedModel, input: [Float], timeout: Double, stage: @escaping @Sendable (String) -> Void) async
        -> Result<Proven, Failure> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: proveHere(model, input: input, timeout: timeout, stage: stage))
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// On the calling thread.
    package static func proveHere(_ model: ServedModel, input: [Float], timeout: Double, stage: (String) -> Void) -> Result<Proven, Failure> {
        let tensor = model.model.quantizeInput(input)
        let deadline = Date().addingTimeInterval(timeout)
        do {
            let proof = try model.prover.prove([tensor], randomness: .system, progress: stage, shouldStop: { Date() > deadline })
            return .success(Proven(proof: proof.encoded(), input: tensor, output: proof.outputs(shape: model.model.outputShape)[0]))
        } catch {
            if case .stopped = error {
                return .failure(Failure(reason: "timed out: not proven within \(timeout) s (\(error))", timedOut: true))
            }
            return .failure(Failure(reason: String(describing: error), timedOut: false))
        }
    }
}
