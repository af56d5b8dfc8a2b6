import Testing
import ZKAlgebra
import ZKTestSupport

@Suite("Fixed-base scalar multiplication")
struct FixedBaseMultiplierTests {
    @Test("agrees with double-and-add for edge and random scalars")
    func agreesWithDoubleAndAdd() {
        let base = G1Affine.generator.multiplied(by: Fr(12345)).affine
        let multiplier = FixedBaseMultiplier(base: base)
        var random = SeededGenerator(seed: 7)
        let scalars = [Fr.zero, .one, -Fr.one, Fr(255), Fr(256), Fr(UInt64.max)] + (0..<24).map { _ in Fr.random(using: &random) }
        for scalar in scalars {
            #expect(multiplier.multiply(scalar) == base.multiplied(by: scalar), "scalar \(scalar)")
        }
    }
}
