import ZKAlgebra
import ZKProof

/// acc[b, o] = Σ_f W[o, f]·x[b, f] + bias[o] (bias on real rows only, so padding stays 0); b ranges
/// over every row axis (the batch, and a MatMul's N rows).
/// Thaler's matrix-multiplication sumcheck: at the accumulator's point (r_o, r_b),
/// acc(r_o, r_b) − bias(r_o)·[b real](r_b) = Σ_f W(r_o, f)·x(r_b, f), a degree-2 sumcheck over the
/// features whose prover work is linear in the matrix (folding W by eq(r_o)).
package enum DenseProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, weights: WeightsLayout.Segment, bias: WeightsLayout.Segment,
        accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        // Rows are every output axis but the last; the input has the same row axes first.
        let rowAxes = output.shape.count - 1
        let outputBits = output.dimensionBits[rowAxes]
        let rOutput = Array(accumulator.point[..<outputBits]), rBatch = Array(accumulator.point[outputBits...])
        let biasValue = try role.claimWeights(bias, at: rOutput)
        let batchIndicator = output.realIndicator(at: accumulator.point, skippingAxes: [rowAxes])
        let target = accumulator.value - batchIndicator * biasValue
        let featureBits = input.variableCount - input.dimensionBits[..<rowAxes].reduce(0, +)
        // A public input (the first layer's) is evaluated by the verifier, so W(r_o, ρ) meets no
        // other hidden factor and the final check stays linear.
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(variableCount: featureBits, factorCount: 2,
                                                claims: [.init(factors: [0, 1], claimedSum: target)],
                                                publicFactors: publicInput == nil ? [] : [1])
        let result = try role.sumcheck(statement, publicValues: { point in
            publicInput.map { [$0.evaluate(at: point + rBatch)] } ?? []
        }) { tables in
            let features = 1 << featureBits
            let folded = foldRows(tables.weights(weights), rowWeights: EqualityPolynomial.table(at: rOutput), width: features)
            let inputs = foldRows(tables.tensor(layer.inputRoots[0])[...], rowWeights: EqualityPolynomial.table(at: rBatch), width: features)
            return [DenseMultilinearPolynomial(evaluations: folded), DenseMultilinearPolynomial(evaluations: inputs)]
        }
        role.recordWeights(weights, at: result.point + rOutput, value: result.factors[0])
        try role.recordTensor(layer.inputRoots[0], at: result.point + rBatch, value: result.factors[1])
    }

    /// Σ_row rowWeights[row]·matrix[row, ·] for a row-major matrix of `width` columns: the table
    /// of M(r, ·) when rowWeights = eq(r, ·). Rows with zero weight or beyond the matrix are skipped.
    package static func foldRows(_ matrix: ArraySlice<Fr>, rowWeights: [Fr], width: Int) -> [Fr] {
        var folded = [Fr](repeating: .zero, count: width)
        let rows = min(rowWeights.count, matrix.count / width)
        folded.withUnsafeMutableBufferPointer { target in
            matrix.withUnsafeBufferPointer { source in
                Parallel.forEachChunk(count: width, minimumChunk: 1 << 10) { columns in
                    for row in 0..<rows {
                        let weight = rowWeights[row]
                        let offset = row * width
                        for column in columns { target[column] = target[column] + weight * source[offset + column] }
                    }
                }
            }
        }
        return folded
    }

    /// Naive twin of `foldRows`: the multilinear extension of the matrix with its row variables
    /// bound one at a time.
    package static func foldRowsNaive(_ matrix: [Fr], rowPoint: [Fr]) -> [Fr] {
        var polynomial = DenseMultilinearPolynomial(evaluations: matrix)
        for coordinate in rowPoint.reversed() { polynomial.fixHighestVariable(coordinate) }
        return polynomial.evaluations
    }
}
