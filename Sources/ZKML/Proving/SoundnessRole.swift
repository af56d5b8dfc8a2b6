import Foundation
import ZKAlgebra
import ZKProof

/// The third role: runs the inference protocol without a witness or a proof and records, as it
/// goes, every step whose soundness error counts: each identity checked at a fresh random
/// point, each sumcheck, each lookup argument and each opening. `SoundnessBudget` is this
/// record, so the budget follows the protocol as written instead of a second description of it.
struct SoundnessRole: ProofRole {
    let plan: CircuitPlan
    let packing = Fr.zero
    private(set) var items: [SoundnessBudget.Item] = []
    private var location: ProofLocation = .statement
    private var weightClaims = 0

    init(plan: CircuitPlan) { self.plan = plan }

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

    mutating func claimTensor(_ root: Int, at point: [Fr]) -> Fr { .zero }
    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) -> Fr { .zero }
    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) -> Fr {
        weightClaims += 1
        return .zero
    }
    mutating func recordTensor(_ root: Int, at point: [Fr], value: Fr) {}
    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: Fr) {}
    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: Fr) { weightClaims += 1 }

    /// A sumcheck of degree d over v variables: d·v/|F|, plus (c − 1)/|F| for batching c claims.
    mutating func sumcheck(_ statement: SumcheckStatement, _ claims: (ProverTables) -> [ProductSumcheckClaim]) -> SumcheckResult {
        let degree = statement.factorCounts.max() ?? 1
        let variables = statement.variableCount, count = statement.claimedSums.count
        algebraic("sumcheck (\(variables) variables, degree \(degree)\(count > 1 ? ", \(count) claims" : ""))",
                  degree * variables + count - 1)
        let point = [Fr](repeating: .zero, count: variables)
        return SumcheckResult(point: point, claims: statement.factorCounts.map { factors in
            [EvaluationClaim](repeating: EvaluationClaim(point: point, value: .zero), count: factors)
        })
    }

    /// LogUp over 2^n looked-up values and a table of 2^t entries: α costs (2^n + 2^t)/|F|; the
    /// fraction-tree layers are degree-3 sumchecks over j variables with 3 claims, plus the
    /// sibling challenge; β (pairs only) a packed collision among 2^n·2^t pairs; recombining the
    /// segments a multilinear identity in n variables.
    mutating func logUp(table tableIndex: Int, witnessVariables n: Int, _ witness: (ProverTables) -> [Fr]) -> LogUpResult {
        let table = plan.tables[tableIndex]
        let t = table.bitCount
        var terms = Double(1 << n) + Double(1 << t) + Double(n)
        for j in 0..<max(n, t) { terms += Double((j < n ? 1 : 0) + (j < t ? 1 : 0)) * Double(3 * j + 3) }
        if case .range = table {} else { terms += Double(1 << n) * Double(1 << t) }
        items.append(.init(component: "lookup \(table.name) (2^\(n) looked up, 2^\(t) entries)",
                           error: terms * pow(2, -SoundnessBudget.fieldBits)))
        let claim = EvaluationClaim(point: [Fr](repeating: .zero, count: n), value: .zero)
        return LogUpResult(witness: claim, multiplicities: EvaluationClaim(point: [Fr](repeating: .zero, count: t), value: .zero))
    }

    func require(_ relation: String, _ got: Fr, equals expected: Fr) {}

    var hasWeightClaims: Bool { weightClaims > 0 }

    mutating func openWitness() {
        let parameters = ProofParameters.witnessCommitment
        items.append(.init(component: "witness opening (Ligero rate 1/\(1 << parameters.logInverseRate), \(parameters.queryCount) queries)",
                           error: pow(2, -parameters.soundnessBits(variableCount: plan.witnessPlacement.variableCount, claimCount: 4096))))
    }

    /// Binding of the Pedersen commitment rests on discrete logarithms in BN254 G1, whose best
    /// known attacks go through the pairing to the target group (≈ 100 bits, see SOUNDNESS.md);
    /// the inner-product arguments add (2·log columns + 2) challenges per claim, each 1/|F|.
    mutating func openWeights() {
        let rounds = PedersenCommitmentScheme.Layout(variableCount: plan.weights.variableCount).logColumns
        let challenges = Double(weightClaims * (2 * rounds + 2))
        items.append(.init(component: "weights opening (Pedersen over BN254 G1, discrete log)",
                           error: pow(2, -SoundnessBudget.discreteLogBits) + challenges * pow(2, -SoundnessBudget.fieldBits)))
    }
}
