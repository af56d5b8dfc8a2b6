import ZKAlgebra
import ZKProof

/// out = max over each window: every difference out − x_j is range-checked (a lookup segment per
/// window element) and Π_j (out − x_j) = 0 at every position, checked as
/// Σ_w eq(r, w)·Π_j d_j(w) = 0 with one sumcheck of degree 1 + window size.
enum MaxPoolProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, kernelBits: (Int, Int)
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let offsets = PoolingWindow.offsets(kernelBits)
        let r = role.point(output.variableCount)
        let statement = SumcheckStatement(variableCount: output.variableCount, claimedSums: [.zero],
                                          factorCounts: [1 + offsets.count])
        let input = role.plan.layouts[layer.inputRoots[0]]
        let result = try role.sumcheck(statement) { tables in
            let out = tables.tensor(layer.outputRoot), x = tables.tensor(layer.inputRoots[0])
            let differences = offsets.map { offset in
                DenseMultilinearPolynomial(evaluations: (0..<output.size).map { index in
                    out[index] - x[PoolingWindow.inputIndex(index, offset: offset, output: output, input: input)]
                })
            }
            return [ProductSumcheckClaim(factors: [DenseMultilinearPolynomial(evaluations: EqualityPolynomial.table(at: r))] + differences,
                                         claimedSum: .zero)]
        }
        let finals = result.claims[0]
        try role.require("max-pool eq(r, ·)", finals[0].value, equals: EqualityPolynomial.evaluate(r, result.point))
        let maximum = try role.claimTensor(layer.outputRoot, at: result.point)
        for (j, offset) in offsets.enumerated() {
            let point = PoolingWindow.inputPoint(result.point, output: output, kernelBits: kernelBits, offset: offset)
            try role.recordTensor(layer.inputRoots[0], at: point, value: maximum - finals[1 + j].value)
        }
    }
}
