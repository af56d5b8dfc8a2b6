import ZKAlgebra
import ZKProof

/// acc = a·M_a + b·M_b elementwise: linear, checked at the rescale's point.
enum AddProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, left: Int64, right: Int64, accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let a = try role.claimTensor(layer.inputRoots[0], at: accumulator.point)
        let b = try role.claimTensor(layer.inputRoots[1], at: accumulator.point)
        try role.require("residual sum", Fr(left) * a + Fr(right) * b, equals: accumulator.value)
    }
}
