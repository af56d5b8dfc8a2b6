import ZKAlgebra
import ZKProof

/// The prover's side of every layer protocol: computes each message from the witness and sends it.
struct ProverRole: ProofRole {
    /// What the prover opens at the end: its commitments' data and schemes.
    struct Openings {
        let witness: LigeroCommitmentScheme.ProverData
        let witnessScheme: LigeroCommitmentScheme
        let weights: PedersenCommitmentScheme.ProverData
    }

    let plan: CircuitPlan
    let tables: ProverTables
    var channel: ProverChannel
    let packing: Fr
    let openings: Openings
    /// Blindings of the zero-knowledge openings (the system CSPRNG outside golden tests).
    var randomness: ProverRandomness
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
        return channel.logUp(witness: witness(tables), multiplicities: multiplicities,
                             table: plan.tables[tableIndex].makeTable(), packing: packing)
    }

    func require(_ relation: String, _ got: Fr, equals expected: Fr) {
        assert(got == expected, "prover broke its own relation: \(relation)")
    }

    var hasWeightClaims: Bool { !weightClaims.isEmpty }

    mutating func openWitness() {
        let points = witnessClaims.map { plan.witnessPlacement.globalPoint($0.claim.point, segment: $0.column) }
        open(openings.witness, at: points, scheme: openings.witnessScheme)
    }

    mutating func openWeights() {
        let points = weightClaims.map { plan.weights.globalPoint($0.claim.point, in: $0.segment) }
        let (_, proof) = PedersenCommitmentScheme().open(openings.weights, at: points, transcript: &channel.transcript,
                                                         random: &randomness)
        proof.encode(into: &channel.writer)
    }

    /// One batched opening; its length follows from the plan, so it is written without a prefix.
    private mutating func open(_ data: LigeroCommitmentScheme.ProverData, at points: [[Fr]], scheme: LigeroCommitmentScheme) {
        let (_, proof) = scheme.open(data, at: points, transcript: &channel.transcript)
        proof.encode(into: &channel.writer)
    }
}
