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
    ) throws(InferenceVerificationError) -> CommittedClaim {
        let layout = role.plan.layouts[layer.outputRoot]
        let r = role.point(layout.variableCount)
        let quotient = try role.claimColumn(.quotient(layer: layer.index), at: r)
        var remainder = CommittedValue.zero
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
            return CommittedClaim(point: r, value: inverse * target)
        }
        // eq(r, ·) and the multipliers are public: the verifier evaluates them at the final point.
        let statement = HidingSumcheckStatement(variableCount: layout.variableCount, factorCount: 3,
                                                claims: [.init(factors: [0, 1, 2], claimedSum: target)], publicFactors: [0, 1])
        let result = try role.sumcheck(statement, publicValues: { point in
            [EqualityPolynomial.evaluate(r, point), rescale.multiplierExtension(at: point, layout: layout)]
        }) { tables in
            let multipliers = (0..<layout.size).map { Fr(rescale.multiplier(atPaddedIndex: $0, layout: layout)) }
            return [DenseMultilinearPolynomial(evaluations: EqualityPolynomial.table(at: r)),
                    DenseMultilinearPolynomial(evaluations: multipliers),
                    DenseMultilinearPolynomial(evaluations: tables.accumulators(layer.index))]
        }
        return CommittedClaim(point: result.point, value: result.factors[2])
    }
}
