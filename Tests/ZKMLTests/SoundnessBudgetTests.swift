import Testing
import ZKML

/// The soundness budget of every zoo model's proofs, recorded from the protocol itself
/// (`SoundnessRole`): the discrete-log binding of the Pedersen commitments is the one
/// computational term (2^-100), every information-theoretic term is far below it (the largest,
/// about 2^-120, are the openings' 128-bit folding challenges), and the total is 100 bits to the
/// first decimal.
@Suite("Soundness budget of the zoo")
struct SoundnessBudgetTests {
    @Test("the total is 100 bits, and only the discrete-log term comes near it", arguments: ZooModel.all)
    func budget(_ zoo: ZooModel) throws {
        let model = try zoo.imported().model
        let plan = try CircuitPlan(circuit: Circuit(compiling: model), batchSize: 1)
        let budget = SoundnessBudget(plan: plan)
        #expect(budget.totalBits >= 99.99, "\(zoo.name): \(budget.totalBits) bits")
        let binding = budget.items.filter { $0.component.contains("discrete log") }
        #expect(binding.count == 1 && binding[0].bits == SoundnessBudget.discreteLogBits)
        for item in budget.items where !item.component.contains("discrete log") {
            #expect(item.bits > 115, "\(zoo.name): \(item.component) has only \(item.bits) bits")
        }
        // Every part of the protocol is accounted for.
        for part in ["sumcheck", "lookup", "witness opening", "relations"] {
            #expect(budget.items.contains { $0.component.contains(part) }, "\(zoo.name): no \(part) term")
        }
    }
}
