import ZKAlgebra
import ZKProof

/// The verifier's side of every layer protocol: reads each message and checks it.
struct VerifierRole: ProofRole {
    let plan: CircuitPlan
    var channel: VerifierChannel
    let packing: Fr
    let witnessCommitment: LigeroCommitmentScheme.Commitment
    let weightsCommitment: PedersenCommitmentScheme.Commitment
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
        try channel.logUp(witnessVariables: witnessVariables, table: plan.tables[tableIndex].makeTable(), packing: packing)
    }

    func require(_ relation: String, _ got: Fr, equals expected: Fr) throws(InferenceVerificationError) {
        try channel.require(relation, got, equals: expected)
    }

    var hasWeightClaims: Bool { !weightClaims.isEmpty }

    mutating func openWitness() throws(InferenceVerificationError) {
        if let column = unknownColumns.first {
            throw .unsupportedCircuit(.unsupported(layer: -1, name: "\(column)", reason: "claim on a column the circuit does not commit"))
        }
        let claims = witnessClaims.map { column, claim in
            EvaluationClaim(point: plan.witnessPlacement.globalPoint(claim.point, segment: column), value: claim.value)
        }
        try verifyOpening(witnessCommitment, claims: claims, scheme: LigeroCommitmentScheme(parameters: ProofParameters.witnessCommitment))
    }

    mutating func openWeights() throws(InferenceVerificationError) {
        let claims = weightClaims.map { segment, claim in
            EvaluationClaim(point: plan.weights.globalPoint(claim.point, in: segment), value: claim.value)
        }
        let opening: PedersenCommitmentScheme.OpeningProof
        do {
            opening = try PedersenCommitmentScheme.OpeningProof(decoding: &channel.reader, layout: weightsCommitment.layout,
                                                                 claimCount: claims.count)
        } catch { throw .malformedProof(at: channel.location, error) }
        do {
            try PedersenCommitmentScheme().verify(weightsCommitment, claims: claims, proof: opening, transcript: &channel.transcript)
        } catch { throw .rejected(at: channel.location, error) }
    }

    /// Reads one batched opening and checks it against `commitment`.
    private mutating func verifyOpening(
        _ commitment: LigeroCommitmentScheme.Commitment, claims: [EvaluationClaim], scheme: LigeroCommitmentScheme
    ) throws(InferenceVerificationError) {
        let layout = scheme.parameters.layout(variableCount: commitment.variableCount)
        let opening: LigeroOpeningProof
        do {
            opening = try LigeroOpeningProof(decoding: &channel.reader, parameters: scheme.parameters, layout: layout,
                                             claimCount: claims.count)
        } catch { throw .malformedProof(at: channel.location, error) }
        do { try scheme.verify(commitment, claims: claims, proof: opening, transcript: &channel.transcript) } catch {
            throw .rejected(at: channel.location, error)
        }
    }
}
