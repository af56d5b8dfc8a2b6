import Foundation
import ZKAlgebra
import ZKProof

/// The third role: runs the inference protocol without a witness or a proof and records, as it
/// goes, every step whose soundness error counts: each identity checked at a fresh random
/// point, each sumcheck (with its final relation), each lookup argument, each opening and the
/// batched relations. `SoundnessBudget` is this record, so the budget follows the protocol as
/// written instead of a second description of it.
struct SoundnessRole: ProofRole {
    let plan: CircuitPlan
    let packing = Fr.zero
    private(set) var items: [SoundnessBudget.Item] = []
    private var location: ProofLocation = .statement
    private var weightClaims = 0
    private var witnessClaims = 0

    init(plan: CircuitPlan) {
        self.plan = plan
        items.append(.init(component: "binding of every Pedersen commitment (discrete log in BN254 G1)",
                           error: pow(2, -SoundnessBudget.discreteLogBits)))
    }

    /// `count` field-size terms: `count`/|F| (at least one term).
    private mutating func algebraic(_ what: String, _ count: Int) {
        items.append(.init(component: "\(location): \(what)", error: Double(max(count, 1)) * pow(2, -SoundnessBudget.fieldBits)))
    }

    mutating func enter(_ location: ProofLocation) { self.location = location }

    /// A fresh random point at which the protocol checks an identity between multilinear
    /// extensions in `count` variables: Schwartz–Zippel, `count`/|F|.
    mutating func point(_ count: Int) -> [Fr] {
        algebraic("identity at a random point (\(count) variables)", count)
        return [Fr](repeating: .zero, count: count)
    }

    func publicTensor(_ root: Int) -> DenseMultilinearPolynomial? { nil }
    mutating func claimTensor(_ root: Int, at point: [Fr]) -> CommittedValue {
        if !plan.isPublic(root: root) { witnessClaims += 1 }
        return .zero
    }
    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) -> CommittedValue {
        witnessClaims += 1
        return .zero
    }
    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) -> CommittedValue {
        weightClaims += 1
        return .zero
    }
    mutating func recordTensor(_ root: Int, at point: [Fr], value: CommittedValue) {
        if !plan.isPublic(root: root) { witnessClaims += 1 }
    }
    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: CommittedValue) { witnessClaims += 1 }
    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: CommittedValue) { weightClaims += 1 }

    /// A sumcheck of degree d over v variables: d·v/|F|, plus (c − 1)/|F| for batching c claims,
    /// plus its final relation's sigma protocol when two hidden factors meet (degree/|F| and
    /// the verifier's batched check, one term per variable).
    mutating func sumcheck(
        _ statement: HidingSumcheckStatement, publicValues: ([Fr]) -> [Fr], _ factors: (ProverTables) -> [DenseMultilinearPolynomial]
    ) -> HidingSumcheckResult {
        let degree = statement.degree, variables = statement.variableCount, count = statement.claims.count
        let relation = Self.finalRelationTerms(statement)
        algebraic("sumcheck (\(variables) variables, degree \(degree)\(count > 1 ? ", \(count) claims" : ""))",
                  degree * variables + count - 1 + relation)
        let point = [Fr](repeating: .zero, count: variables)
        return HidingSumcheckResult(point: point, factors: [CommittedValue](repeating: .zero, count: statement.factorCount))
    }

    /// Field terms of a sumcheck's final relation proof: its degree plus one per hidden factor.
    static func finalRelationTerms(_ statement: HidingSumcheckStatement) -> Int {
        let hidden = (0..<statement.factorCount).filter { !statement.publicFactors.contains($0) }
        let degree = statement.claims.map { $0.factors.filter(hidden.contains).count }.max() ?? 0
        return degree >= 2 ? degree + hidden.count : 0
    }

    /// LogUp over 2^n looked-up values and a table of 2^t entries: α costs (2^n + 2^t)/|F|; the
    /// witness tree's layers are degree-3 sumchecks over j variables with 3 claims, a degree-2
    /// final relation over 4 hidden factors (2 + 4 terms) and the sibling challenge; the table
    /// side is one degree-2 sumcheck over t variables; the root identity a degree-2 relation over
    /// 3 committed values; β (pairs only) a packed collision among 2^n·2^t pairs; recombining the
    /// segments a multilinear identity in n variables.
    mutating func logUp(table tableIndex: Int, witnessVariables n: Int, _ witness: (ProverTables) -> [Fr]) -> HidingLogUpResult {
        let table = plan.tables[tableIndex]
        let t = table.bitCount
        var terms = Double(1 << n) + Double(1 << t) + Double(n) + 5 + Double(2 * t)
        for j in 0..<n { terms += Double(3 * j + 3 + 6) }
        if case .range = table {} else { terms += Double(1 << n) * Double(1 << t) }
        items.append(.init(component: "lookup \(table.name) (2^\(n) looked up, 2^\(t) entries)",
                           error: terms * pow(2, -SoundnessBudget.fieldBits)))
        witnessClaims += 1
        let zero = CommittedValue.zero
        return HidingLogUpResult(witness: CommittedClaim(point: [Fr](repeating: .zero, count: n), value: zero),
                                 multiplicities: CommittedClaim(point: [Fr](repeating: .zero, count: t), value: zero))
    }

    func require(_ relation: String, _ got: CommittedValue, equals expected: CommittedValue) {}

    var hasWeightClaims: Bool { weightClaims > 0 }

    /// The witness opening: the batching challenge α (one term per claim), the degree-2 batching
    /// sumcheck over the witness variables, and one inner-product argument.
    mutating func openWitness() {
        let variables = plan.witnessPlacement.variableCount
        let rounds = PedersenCommitmentScheme.Layout(variableCount: variables).logColumns
        items.append(.init(component: "\(location): batching \(witnessClaims) claims, sumcheck over \(variables) variables, inner-product argument",
                           error: Double(witnessClaims + 2 * variables) * pow(2, -SoundnessBudget.fieldBits)
                               + Self.innerProductArgumentError(rounds: rounds)))
    }

    /// One inner-product argument per claim, in lockstep.
    mutating func openWeights() {
        let rounds = PedersenCommitmentScheme.Layout(variableCount: plan.weights.variableCount).logColumns
        items.append(.init(component: "\(location): \(weightClaims) inner-product arguments",
                           error: Double(weightClaims) * Self.innerProductArgumentError(rounds: rounds)))
    }

    /// An inner-product argument over 2^rounds entries: per folding round a 128-bit challenge
    /// (2 terms of 2^-128: L and R enter as x² and 1), plus the full-width value-generator and
    /// Schnorr challenges (SOUNDNESS.md).
    static func innerProductArgumentError(rounds: Int) -> Double {
        Double(2 * rounds) * pow(2, -128) + 2 * pow(2, -SoundnessBudget.fieldBits)
    }

    /// The batched linear relations: λ-combination of m relations ((m − 1)/|F|, with m bounded by
    /// 2^24 here, far above any circuit's count) and the Schnorr challenge (1/|F|).
    mutating func finish() {
        location = .relations
        algebraic("batched linear relations (≤ 2^24) and their Schnorr proof", (1 << 24) + 1)
    }
}
