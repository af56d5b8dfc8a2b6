import ZKAlgebra
import ZKProof

/// The rescale relation M·acc + 2^(S−1) = 2^S·q + rem, checked at a random point r of the output:
/// the quotient and the remainder limbs are committed, so their values at r are claims; a uniform
/// M turns the identity into acc(r) directly, a per-channel M needs one sumcheck over
/// eq(r, ·)·M·acc. The range of rem and the clamp (q, out) are left to the lookups.
/// Returns the claim on the accumulator, which the layer's own protocol then proves.
enum RescaleProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, rescale: RescalePlan
    ) throws(InferenceVerificationError) -> EvaluationClaim {
        let layout = role.plan.layouts[layer.outputRoot]
        let r = role.point(layout.variableCount)
        let quotient = try role.claimColumn(.quotient(layer: layer.index), at: r)
        var remainder = Fr.zero
        var weight = Fr.one
        let limbBase = Fr(UInt64(1) << ProofParameters.rangeBits)
        for limb in 0..<rescale.limbCount {
            remainder = remainder + weight * (try role.claimColumn(.remainderLimb(layer: layer.index, limb: limb), at: r))
            weight = weight * limbBase
        }
        let target = Fr(UInt64(1) << rescale.shift) * quotient + remainder - Fr(UInt64(1) << (rescale.shift - 1))
        if rescale.isUniform {
            // The compiler rejects a zero uniform multiplier.
            let inverse = Fr(rescale.multipliers[0]).inverse ?? .zero
            return EvaluationClaim(point: r, value: target * inverse)
        }
        let statement = SumcheckStatement(variableCount: layout.variableCount, claimedSums: [target], factorCounts: [3])
        let result = try role.sumcheck(statement) { tables in
            let multipliers = (0..<layout.size).map { Fr(rescale.multiplier(atPaddedIndex: $0, layout: layout)) }
            return [ProductSumcheckClaim(factors: [
                DenseMultilinearPolynomial(evaluations: EqualityPolynomial.table(at: r)),
                DenseMultilinearPolynomial(evaluations: multipliers),
                DenseMultilinearPolynomial(evaluations: tables.accumulators(layer.index)),
            ], claimedSum: target)]
        }
        let finals = result.claims[0]
        try role.require("rescale eq(r, ·)", finals[0].value, equals: EqualityPolynomial.evaluate(r, result.point))
        try role.require("rescale multipliers", finals[1].value,
                         equals: rescale.multiplierExtension(at: result.point, layout: layout))
        return finals[2]
    }
}
