import ZKAlgebra
import ZKProof

/// acc = Σ over the window: linear, so acc(r) is the sum of the input's values at the window points.
enum AveragePoolProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, kernelBits: (Int, Int), accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        var sum = CommittedValue.zero
        for offset in PoolingWindow.offsets(kernelBits) {
            let point = PoolingWindow.inputPoint(accumulator.point, output: output, kernelBits: kernelBits, offset: offset)
            sum = sum + (try role.claimTensor(layer.inputRoots[0], at: point))
        }
        try role.require("average-pool window sum", sum, equals: accumulator.value)
    }
}
