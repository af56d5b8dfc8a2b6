import ZKAlgebra
import ZKProof

/// Where in an inference proof a check failed.
public enum ProofLocation: Sendable, Equatable, CustomStringConvertible {
    case statement
    case layer(index: Int, name: String, kind: String)
    case lookup(table: String)
    case witnessOpening
    case weightsOpening
    /// The linear relations over commitments, all checked together after the openings.
    case relations

    public var description: String {
        switch self {
        case .statement: return "statement"
        case let .layer(index, name, kind): return "layer \(index) (\(name), \(kind))"
        case let .lookup(table): return "lookup into \(table)"
        case .witnessOpening: return "witness opening"
        case .weightsOpening: return "weights opening"
        case .relations: return "relations over the committed values"
        }
    }
}

/// Why an inference proof was rejected. Every case says where; the wrapped core errors say which
/// round, query or column and what was expected against what was found.
public enum InferenceVerificationError: Error, Equatable, CustomStringConvertible {
    /// The proof is about another model than the descriptor (model ID, circuit or weights differ).
    case modelMismatch(expected: Digest, got: Digest)
    case statementMismatch(what: String, expected: Int, got: Int)
    case unsupportedCircuit(CircuitCompilationError)
    case malformedProof(at: ProofLocation, DecodingError)
    case rejected(at: ProofLocation, VerificationError)
    case relationMismatch(at: ProofLocation, relation: String, expected: Fr, got: Fr)
    /// A relation over committed values failed (a product relation where it arose, or the batch
    /// of linear relations at the end).
    case committedRelationFailed(at: ProofLocation, HidingVerificationError)
    /// The protocol run was asked to stop between two steps (a prover's time limit); a verifier
    /// never asks.
    case stopped(at: ProofLocation)

    public var description: String {
        switch self {
        case let .modelMismatch(expected, got):
            return "the proof is for model \(got.hex), not \(expected.hex)"
        case let .statementMismatch(what, expected, got):
            return "statement: \(what) is \(got), expected \(expected)"
        case let .unsupportedCircuit(error):
            return "cannot compile the circuit: \(error)"
        case let .malformedProof(location, error):
            return "\(location): malformed proof: \(error)"
        case let .rejected(location, error):
            return "\(location): \(error)"
        case let .relationMismatch(location, relation, expected, got):
            return "\(location): \(relation) does not hold: got \(got), expected \(expected)"
        case let .committedRelationFailed(location, error):
            return "\(location): \(error)"
        case let .stopped(location):
            return "stopped before \(location)"
        }
    }
}
