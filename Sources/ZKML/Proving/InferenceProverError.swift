/// Why the prover stopped. It never produces a proof of something other than what it was asked.
public enum InferenceProverError: Error, Equatable, CustomStringConvertible {
    case compilation(CircuitCompilationError)
    case inputShapeMismatch(index: Int, expected: [Int], got: [Int])
    case emptyBatch
    /// A pre-clamp quotient fell outside the clamp table's domain (input far outside calibration).
    case quotientOutsideClampDomain(layer: Int, quotient: Int64, bits: Int)
    case inconsistentWitness(layer: Int, reason: String)
    case modelMismatch(reason: String)
    /// Asked to stop (a time limit) before `stage`.
    case stopped(stage: String)

    public var description: String {
        switch self {
        case let .compilation(error): return "cannot compile the circuit: \(error)"
        case let .inputShapeMismatch(index, expected, got): return "input \(index) has shape \(got), the model expects \(expected)"
        case .emptyBatch: return "no input to prove"
        case let .quotientOutsideClampDomain(layer, quotient, bits):
            return "layer \(layer): pre-clamp value \(quotient) is outside the proven domain [−2^\(bits - 1), 2^\(bits - 1)); the input lies far outside the calibration data"
        case let .inconsistentWitness(layer, reason): return "layer \(layer): witness inconsistent with the circuit: \(reason)"
        case let .modelMismatch(reason): return "the model does not match its commitment: \(reason)"
        case let .stopped(stage): return "stopped before \(stage): the time limit passed"
        }
    }
}
