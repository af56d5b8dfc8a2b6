import ZKAlgebra
import ZKProof

/// The prover's side of every layer protocol: computes each message from the witness and sends it
/// as commitments (`HidingProver`).
struct ProverRole: ProofRole {
    /// What the prover opens at the end: its commitments' data.
    struct Openings {
        let witness: PedersenCommitmentScheme.ProverData
        let weights: PedersenCommitmentScheme.ProverData
    }

    let plan: CircuitPlan
    let tables: ProverTables
    var stream: HidingProver
    let packing: Fr
    let openings: Openings
    var witnessClaims: [(column: Int, claim: CommittedClaim)] = []
    var weightClaims: [(segment: WeightsLayout.Segment, claim: CommittedClaim)] = []

    mutating func enter(_ location: ProofLocation) {}

    mutating func point(_ count: Int) -> [Fr] { stream.transcript.challengeScalars(.inferencePoint, count: count) }

    func publicTensor(_ root: Int) -> DenseMultilinearPolynomial? {
        plan.isPublic(root: root) ? DenseMultilinearPolynomial(evaluations: tables.tensor(root)) : nil
    }

    mutating func claimTensor(_ root: Int, at point: [Fr]) -> CommittedValue {
        let value = ProverTables.evaluate(tables.tensor(root), at: point)
        if plan.isPublic(root: root) { return CommittedValue(value) }
        let committed = stream.commit(value)
        recordColumn(.tensor(root), at: point, value: committed)
        return committed
    }

    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) -> CommittedValue {
        let committed = stream.commit(ProverTables.evaluate(tables.column(column), at: point))
        recordColumn(column, at: point, value: committed)
        return committed
    }

    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) -> CommittedValue {
        let committed = stream.commit(ProverTables.evaluate(tables.weights(segment), at: point))
        recordWeights(segment, at: point, value: committed)
        return committed
    }

    mutating func recordTensor(_ root: Int, at point: [Fr], value: CommittedValue) {
        if plan.isPublic(root: root) {
            // The verifier checks this one against the public tensor.
            require("public tensor evaluation", value, equals: CommittedValue(ProverTables.evaluate(tables.tensor(root), at: point)))
            return
        }
        recordColumn(.tensor(root), at: point, value: value)
    }

    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: CommittedValue) {
        witnessClaims.append((plan.columnIndex(column)!, CommittedClaim(point: point, value: value)))
    }

    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: CommittedValue) {
        weightClaims.append((segment, CommittedClaim(point: point, value: value)))
    }

    mutating func sumcheck(
        _ statement: HidingSumcheckStatement, publicValues: ([Fr]) -> [Fr], _ factors: (ProverTables) -> [DenseMultilinearPolynomial]
    ) -> HidingSumcheckResult {
        HidingSumcheck.prove(statement, factors: factors(tables), &stream)
    }

    mutating func logUp(table tableIndex: Int, witnessVariables: Int, _ witness: (ProverTables) -> [Fr]) -> HidingLogUpResult {
        let multiplicities = tables.witness.columns[.multiplicities(table: tableIndex)]!.map { UInt64($0) }
        return HidingLogUp.prove(witness: witness(tables), multiplicities: multiplicities,
                                 table: plan.tables[tableIndex].makeTable(), packing: packing, &stream)
    }

    mutating func require(_ relation: String, _ got: CommittedValue, equals expected: CommittedValue) {
        assert(stream.value(of: got) == stream.value(of: expected), "prover broke its own relation: \(relation)")
        if got.publicValue == nil || expected.publicValue == nil { stream.requireEqual(got, expected) }
    }

    var hasWeightClaims: Bool { !weightClaims.isEmpty }

    mutating func openWitness() {
        let claims = witnessClaims.map { CommittedClaim(point: plan.witnessPlacement.globalPoint($0.claim.point, segment: $0.column),
                                                        value: $0.claim.value) }
        let opening = HidingOpening.proveBatched(openings.witness, claims: claims, &stream)
        opening.encode(into: &stream.writer)
    }

    mutating func openWeights() {
        let claims = weightClaims.map { CommittedClaim(point: plan.weights.globalPoint($0.claim.point, in: $0.segment), value: $0.claim.value) }
        let opening = HidingOpening.prove(openings.weights, claims: claims, &stream)
        opening.encode(into: &stream.writer)
    }

    mutating func finish() { stream.finish() }
}
