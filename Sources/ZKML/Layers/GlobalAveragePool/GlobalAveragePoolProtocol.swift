import ZKAlgebra
import ZKProof

/// acc[b, c] = Σ_{y, x} in[b, c, y, x]. The sum of a multilinear function over a subcube is
/// 2^k times its value at (½, …, ½) there, and padding is zero: acc(r) = 2^k·in(½…½, r).
enum GlobalAveragePoolProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let input = role.plan.layouts[layer.inputRoots[0]]
        let pixelBits = input.dimensionBits[2] + input.dimensionBits[3]
        let half = Fr(UInt64(2)).inverse ?? .zero
        let value = try role.claimTensor(layer.inputRoots[0], at: [Fr](repeating: half, count: pixelBits) + accumulator.point)
        try role.require("global average-pool sum", Fr(UInt64(1) << pixelBits) * value, equals: accumulator.value)
    }
}
