import ZKAlgebra
import ZKProof

/// out[b, c, …] = in[b, start + c, …]. At a random point r = (r_pixel, r_c, r_b) on the output,
/// out(r) = Σ_{c'} S(c')·in(r_pixel, c', r_b) with S(c') = Σ_{c < C_out} eq(r_c, c)·[c' = start + c]:
/// one sumcheck over the input's channel variables whose S the verifier evaluates.
enum ChannelSliceProtocol {
    static func run<Role: ProofRole>(_ role: inout Role, layer: LayerPlan, start: Int) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        let r = role.point(output.variableCount)
        let value = try role.claimTensor(layer.outputRoot, at: r)
        let channelStart = output.firstVariable(ofAxis: 1)
        let rPixel = Array(r[..<channelStart])
        let rChannel = output.coordinates(r, axis: 1)
        let rBatch = output.coordinates(r, axis: 0)
        let count = output.shape[1]
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(variableCount: input.dimensionBits[1], factorCount: 2,
                                                claims: [.init(factors: [0, 1], claimedSum: value)],
                                                publicFactors: publicInput == nil ? [0] : [0, 1])
        let result = try role.sumcheck(statement, publicValues: { rho in
            let eqOut = EqualityPolynomial.table(at: rChannel), eqIn = EqualityPolynomial.table(at: rho)
            var selector = Fr.zero
            for c in 0..<count { selector = selector + eqOut[c] * eqIn[start + c] }
            return [selector] + (publicInput.map { [$0.evaluate(at: rPixel + rho + rBatch)] } ?? [])
        }) { tables in
            let eqOut = EqualityPolynomial.table(at: rChannel)
            var selector = [Fr](repeating: .zero, count: input.paddedShape[1])
            for c in 0..<count { selector[start + c] = eqOut[c] }
            let values = ConcatProtocol.channelValues(tables.tensor(layer.inputRoots[0]), layout: input, pixel: rPixel, batch: rBatch)
            return [DenseMultilinearPolynomial(evaluations: selector), DenseMultilinearPolynomial(evaluations: values)]
        }
        try role.recordTensor(layer.inputRoots[0], at: rPixel + result.point + rBatch, value: result.factors[1])
    }
}
