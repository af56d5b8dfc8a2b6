import ZKAlgebra
import ZKProof

/// One side of the inference protocol. Every layer's protocol is written once, generic over the
/// role: the prover computes and sends, the verifier receives and checks, and both walk the
/// transcript in exactly the same order because it is the same code.
protocol ProofRole {
    var plan: CircuitPlan { get }
    /// Packing challenge for two-column lookups, drawn after the witness commitment.
    var packing: Fr { get }
    mutating func enter(_ location: ProofLocation)
    mutating func point(_ count: Int) -> [Fr]
    /// A tensor's value at `point`: evaluated directly when public, else sent and left as a claim
    /// on the witness commitment.
    mutating func claimTensor(_ root: Int, at point: [Fr]) throws(InferenceVerificationError) -> Fr
    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) throws(InferenceVerificationError) -> Fr
    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) throws(InferenceVerificationError) -> Fr
    /// Values already in the proof (sumcheck final evaluations): checked when public, else claims.
    mutating func recordTensor(_ root: Int, at point: [Fr], value: Fr) throws(InferenceVerificationError)
    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: Fr)
    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: Fr)
    /// Runs a sumcheck; only the prover calls `claims`.
    mutating func sumcheck(
        _ statement: SumcheckStatement, _ claims: (ProverTables) -> [ProductSumcheckClaim]
    ) throws(InferenceVerificationError) -> SumcheckResult
    mutating func logUp(
        table tableIndex: Int, witnessVariables: Int, _ witness: (ProverTables) -> [Fr]
    ) throws(InferenceVerificationError) -> LogUpResult
    func require(_ relation: String, _ got: Fr, equals expected: Fr) throws(InferenceVerificationError)
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

struct ProverRole: ProofRole {
    let plan: CircuitPlan
    let tables: ProverTables
    var channel: ProverChannel
    let packing: Fr
    var witnessClaims: [(column: Int, claim: EvaluationClaim)] = []
    var weightClaims: [(segment: WeightsLayout.Segment, claim: EvaluationClaim)] = []

    mutating func enter(_ location: ProofLocation) {}

    mutating func point(_ count: Int) -> [Fr] { channel.point(count) }

    mutating func claimTensor(_ root: Int, at point: [Fr]) -> Fr {
        let value = ProverTables.evaluate(tables.tensor(root), at: point)
        if !plan.isPublic(root: root) {
            channel.send([value])
            recordColumn(.tensor(root), at: point, value: value)
        }
        return value
    }

    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) -> Fr {
        let value = ProverTables.evaluate(tables.column(column), at: point)
        channel.send([value])
        recordColumn(column, at: point, value: value)
        return value
    }

    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) -> Fr {
        let value = ProverTables.evaluate(tables.weights(segment), at: point)
        channel.send([value])
        recordWeights(segment, at: point, value: value)
        return value
    }

    mutating func recordTensor(_ root: Int, at point: [Fr], value: Fr) {
        if !plan.isPublic(root: root) { recordColumn(.tensor(root), at: point, value: value) }
    }

    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: Fr) {
        witnessClaims.append((plan.columnIndex(column)!, EvaluationClaim(point: point, value: value)))
    }

    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: Fr) {
        weightClaims.append((segment, EvaluationClaim(point: point, value: value)))
    }

    mutating func sumcheck(_ statement: SumcheckStatement, _ claims: (ProverTables) -> [ProductSumcheckClaim]) -> SumcheckResult {
        channel.sumcheck(claims(tables))
    }

    mutating func logUp(table tableIndex: Int, witnessVariables: Int, _ witness: (ProverTables) -> [Fr]) -> LogUpResult {
        let multiplicities = tables.witness.columns[.multiplicities(table: tableIndex)]!.map { UInt64($0) }
        let (proof, result) = LogUpProver.prove(
            witness: witness(tables), multiplicities: multiplicities, table: plan.tables[tableIndex].makeTable(),
            packing: packing, transcript: &channel.transcript)
        proof.encode(into: &channel.writer)
        return result
    }

    func require(_ relation: String, _ got: Fr, equals expected: Fr) {
        assert(got == expected, "prover broke its own relation: \(relation)")
    }
}

struct VerifierRole: ProofRole {
    let plan: CircuitPlan
    var channel: VerifierChannel
    let packing: Fr
    /// Multilinear extensions of the public input and output, on their layouts.
    let publicTensors: [Int: DenseMultilinearPolynomial]
    var witnessClaims: [(column: Int, claim: EvaluationClaim)] = []
    var weightClaims: [(segment: WeightsLayout.Segment, claim: EvaluationClaim)] = []

    mutating func enter(_ location: ProofLocation) { channel.location = location }

    mutating func point(_ count: Int) -> [Fr] { channel.point(count) }

    mutating func claimTensor(_ root: Int, at point: [Fr]) throws(InferenceVerificationError) -> Fr {
        if let tensor = publicTensors[root] { return tensor.evaluate(at: point) }
        let value = try channel.receive(1, "evaluation of tensor \(root)")[0]
        recordColumn(.tensor(root), at: point, value: value)
        return value
    }

    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) throws(InferenceVerificationError) -> Fr {
        let value = try channel.receive(1, "evaluation of \(column)")[0]
        recordColumn(column, at: point, value: value)
        return value
    }

    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) throws(InferenceVerificationError) -> Fr {
        let value = try channel.receive(1, "evaluation of layer \(segment.layer) \(segment.role)")[0]
        recordWeights(segment, at: point, value: value)
        return value
    }

    mutating func recordTensor(_ root: Int, at point: [Fr], value: Fr) throws(InferenceVerificationError) {
        if let tensor = publicTensors[root] {
            try require(root == plan.inputRoot ? "public input evaluation" : "public output evaluation",
                        value, equals: tensor.evaluate(at: point))
            return
        }
        recordColumn(.tensor(root), at: point, value: value)
    }

    /// Columns a protocol named that the plan does not list (impossible by construction; checked
    /// rather than assumed, since the plan comes from an untrusted descriptor).
    var unknownColumns: [WitnessColumn] = []

    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: Fr) {
        guard let index = plan.columnIndex(column) else { unknownColumns.append(column); return }
        witnessClaims.append((index, EvaluationClaim(point: point, value: value)))
    }

    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: Fr) {
        weightClaims.append((segment, EvaluationClaim(point: point, value: value)))
    }

    mutating func sumcheck(
        _ statement: SumcheckStatement, _ claims: (ProverTables) -> [ProductSumcheckClaim]
    ) throws(InferenceVerificationError) -> SumcheckResult {
        try channel.sumcheck(statement)
    }

    mutating func logUp(
        table tableIndex: Int, witnessVariables: Int, _ witness: (ProverTables) -> [Fr]
    ) throws(InferenceVerificationError) -> LogUpResult {
        let table = plan.tables[tableIndex].makeTable()
        let proof: LogUpProof
        do {
            proof = try LogUpProof(decoding: &channel.reader, witnessVariables: witnessVariables, table: table)
        } catch { throw .malformedProof(at: channel.location, error) }
        do {
            return try LogUpVerifier.verify(witnessVariables: witnessVariables, table: table, packing: packing,
                                            proof: proof, transcript: &channel.transcript)
        } catch { throw .rejected(at: channel.location, error) }
    }

    func require(_ relation: String, _ got: Fr, equals expected: Fr) throws(InferenceVerificationError) {
        try channel.require(relation, got, equals: expected)
    }
}
