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
        let statement = HidingSumcheckStatement(variableCount: output.variableCount, factorCount: 1 + offsets.count,
                                                claims: [.init(factors: Array(0...offsets.count), claimedSum: .zero)],
                                                publicFactors: [0])
        let input = role.plan.layouts[layer.inputRoots[0]]
        let result = try role.sumcheck(statement, publicValues: { [EqualityPolynomial.evaluate(r, $0)] }) { tables in
            let out = tables.tensor(layer.outputRoot), x = tables.tensor(layer.inputRoots[0])
            let differences = offsets.map { offset in
                DenseMultilinearPolynomial(evaluations: (0..<output.size).map { index in
                    out[index] - x[PoolingWindow.inputIndex(index, offset: offset, output: output, input: input)]
                })
            }
            return [DenseMultilinearPolynomial(evaluations: EqualityPolynomial.table(at: r))] + differences
        }
        let finals = result.factors
        let maximum = try role.claimTensor(layer.outputRoot, at: result.point)
        for (j, offset) in offsets.enumerated() {
            let point = PoolingWindow.inputPoint(result.point, output: output, kernelBits: kernelBits, offset: offset)
            try role.recordTensor(layer.inputRoots[0], at: point, value: maximum - finals[1 + j])
        }
    }
}
