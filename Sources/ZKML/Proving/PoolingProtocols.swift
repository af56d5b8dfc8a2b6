import ZKAlgebra
import ZKProof

/// Windows of power-of-two size equal to the stride tile the input exactly, so window element
/// (dy, dx) of output position (b, c, y, x) is the input at (b, c, y·kh + dy, x·kw + dx): on the
/// hypercube that is the input's extension with the window bits fixed below the output's
/// row and column bits. No wiring predicate is needed.
public enum PoolingWindow {
    public static func inputPoint(_ outputPoint: [Fr], output: TensorLayout, kernelBits: (Int, Int), offset: (Int, Int)) -> [Fr] {
        func bits(_ value: Int, _ count: Int) -> [Fr] { (0..<count).map { (value >> $0) & 1 == 1 ? Fr.one : Fr.zero } }
        let widthBits = output.dimensionBits[3], heightBits = output.dimensionBits[2]
        return bits(offset.1, kernelBits.1) + outputPoint[..<widthBits]
            + bits(offset.0, kernelBits.0) + outputPoint[widthBits..<(widthBits + heightBits)]
            + outputPoint[(widthBits + heightBits)...]
    }

    public static func offsets(_ kernelBits: (Int, Int)) -> [(Int, Int)] {
        (0..<(1 << kernelBits.0)).flatMap { dy in (0..<(1 << kernelBits.1)).map { dx in (dy, dx) } }
    }

    /// Padded index in `input` of window element `offset` of output position `index` (NCHW):
    /// the witness generator's side of `inputPoint`.
    public static func inputIndex(_ index: Int, offset: (Int, Int), output: TensorLayout, input: TensorLayout) -> Int {
        let c = output.coordinates(ofPaddedIndex: index)
        let kh = input.paddedShape[2] / output.paddedShape[2], kw = input.paddedShape[3] / output.paddedShape[3]
        return ((c[0] * input.paddedShape[1] + c[1]) * input.paddedShape[2] + c[2] * kh + offset.0) * input.paddedShape[3]
            + c[3] * kw + offset.1
    }
}

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

/// acc = Σ over the window: linear, so acc(r) is the sum of the input's values at the window points.
enum AveragePoolProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, kernelBits: (Int, Int), accumulator: EvaluationClaim
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        var sum = Fr.zero
        for offset in PoolingWindow.offsets(kernelBits) {
            let point = PoolingWindow.inputPoint(accumulator.point, output: output, kernelBits: kernelBits, offset: offset)
            sum = sum + (try role.claimTensor(layer.inputRoots[0], at: point))
        }
        try role.require("average-pool window sum", sum, equals: accumulator.value)
    }
}

/// acc[b, c] = Σ_{y, x} in[b, c, y, x]. The sum of a multilinear function over a subcube is
/// 2^k times its value at (½, …, ½) there, and padding is zero: acc(r) = 2^k·in(½…½, r).
enum GlobalAveragePoolProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, accumulator: EvaluationClaim
    ) throws(InferenceVerificationError) {
        let input = role.plan.layouts[layer.inputRoots[0]]
        let pixelBits = input.dimensionBits[2] + input.dimensionBits[3]
        let half = Fr(UInt64(2)).inverse ?? .zero
        let value = try role.claimTensor(layer.inputRoots[0], at: [Fr](repeating: half, count: pixelBits) + accumulator.point)
        try role.require("global average-pool sum", Fr(UInt64(1) << pixelBits) * value, equals: accumulator.value)
    }
}

/// acc = a·M_a + b·M_b elementwise: linear, checked at the rescale's point.
enum AddProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, left: Int64, right: Int64, accumulator: EvaluationClaim
    ) throws(InferenceVerificationError) {
        let a = try role.claimTensor(layer.inputRoots[0], at: accumulator.point)
        let b = try role.claimTensor(layer.inputRoots[1], at: accumulator.point)
        try role.require("residual sum", Fr(left) * a + Fr(right) * b, equals: accumulator.value)
    }
}
