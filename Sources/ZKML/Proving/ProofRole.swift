import ZKAlgebra
import ZKProof

/// One side of the inference protocol. Every layer's protocol is written once, generic over the
/// role: the prover computes and sends, the verifier receives and checks, and both walk the
/// transcript in exactly the same order because it is the same code.
///
/// Zero knowledge: hidden values are never sent. A claim on a hidden tensor, column or weight is
/// a Pedersen commitment, protocols compute with `CommittedValue`s (linear forms over the
/// commitments), sumchecks and lookups commit every message (`HidingSumcheck`, `HidingLogUp`),
/// and the checks the plain protocol made on values become relations proven over commitments.
protocol ProofRole {
    var plan: CircuitPlan { get }
    /// Packing challenge for two-column lookups, drawn after the witness commitment.
    var packing: Fr { get }
    mutating func enter(_ location: ProofLocation)
    mutating func point(_ count: Int) -> [Fr]
    /// The public input's or output's multilinear extension; nil for hidden tensors.
    func publicTensor(_ root: Int) -> DenseMultilinearPolynomial?
    /// A tensor's value at `point`: public when the tensor is, else committed and left as a claim
    /// on the witness commitment.
    mutating func claimTensor(_ root: Int, at point: [Fr]) throws(InferenceVerificationError) -> CommittedValue
    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) throws(InferenceVerificationError) -> CommittedValue
    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) throws(InferenceVerificationError) -> CommittedValue
    /// Values a protocol already holds (sumcheck final evaluations): checked when the tensor is
    /// public, else claims on the commitments.
    mutating func recordTensor(_ root: Int, at point: [Fr], value: CommittedValue) throws(InferenceVerificationError)
    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: CommittedValue)
    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: CommittedValue)
    /// Runs a zero-knowledge sumcheck; the verifier evaluates the public factors with
    /// `publicValues`, only the prover calls `factors`.
    mutating func sumcheck(
        _ statement: HidingSumcheckStatement, publicValues: ([Fr]) -> [Fr],
        _ factors: (ProverTables) -> [DenseMultilinearPolynomial]
    ) throws(InferenceVerificationError) -> HidingSumcheckResult
    mutating func logUp(
        table tableIndex: Int, witnessVariables: Int, _ witness: (ProverTables) -> [Fr]
    ) throws(InferenceVerificationError) -> HidingLogUpResult
    /// got = expected: checked at once when both are public, else proven over the commitments.
    mutating func require(_ relation: String, _ got: CommittedValue, equals expected: CommittedValue) throws(InferenceVerificationError)
    /// Whether any protocol claimed a value of the weights (a model without weight tensors has
    /// no weights opening).
    var hasWeightClaims: Bool { get }
    /// Opens the witness commitment at every claim recorded on it, in one batched opening.
    mutating func openWitness() throws(InferenceVerificationError)
    /// Opens the registered weights commitment at every claim recorded on it.
    mutating func openWeights() throws(InferenceVerificationError)
    /// Proves (or checks) every linear relation recorded along the way, in one argument.
    mutating func finish() throws(InferenceVerificationError)
}

extension ProofRole {
    func isPublic(_ root: Int) -> Bool { plan.isPublic(root: root) }
}

/// The prover's witness as field elements, shared read-only by the layer protocols.
final class ProverTables: @unchecked Sendable {
    // Built once per proof before any protocol runs and never mutated afterwards.
    let plan: CircuitPlan
    let witness: ProofWitness
    let weights: [Fr]
    private(set) var tensorFields: [Int: [Fr]] = [:]
    private(set) var columnFields: [WitnessColumn: [Fr]] = [:]

    init(plan: CircuitPlan, witness: ProofWitness, weights: [Fr]) {
        self.plan = plan
        self.witness = witness
        self.weights = weights
        for (root, values) in witness.tensors { tensorFields[root] = values.map { Fr($0) } }
        for (column, values) in witness.columns {
            if case let .tensor(root) = column, let fields = tensorFields[root] { columnFields[column] = fields; continue }
            columnFields[column] = values.map { Fr($0) }
        }
    }

    func tensor(_ root: Int) -> [Fr] { tensorFields[root]! }
    func column(_ column: WitnessColumn) -> [Fr] { columnFields[column]! }

    func accumulators(_ layer: Int) -> [Fr] { witness.accumulators[layer]!.map { Fr($0) } }

    func weights(_ segment: WeightsLayout.Segment) -> ArraySlice<Fr> {
        weights[segment.offset..<(segment.offset + segment.size)]
    }

    static func evaluate(_ values: some Collection<Fr>, at point: [Fr]) -> Fr {
        DenseMultilinearPolynomial(evaluations: Array(values)).evaluate(at: point)
    }
}
