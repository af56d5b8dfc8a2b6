import ZKAlgebra
import ZKProof

/// out[b, o] = in[b, π(o)] per sample. At a random point (r_o, r_b) on the output this is a
/// sumcheck over the input's per-sample variables of wiring(ρ)·in(ρ, r_b), with
/// wiring(ρ) = Σ_{real o} eq(r_o, o)·eq(ρ, π(o)), which the verifier evaluates in O(elements per
/// sample): nothing about the permutation is committed.
enum TransposeProtocol {
    static func run<Role: ProofRole>(_ role: inout Role, layer: LayerPlan, permutation: [Int]) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        let r = role.point(output.variableCount)
        let value = try role.claimTensor(layer.outputRoot, at: r)
        let (outputBits, inputBits) = (output.firstVariable(ofAxis: 0), input.firstVariable(ofAxis: 0))
        let (rSample, rBatch) = (Array(r[..<outputBits]), Array(r[outputBits...]))
        let connections = self.connections(input: input, output: output, permutation: permutation)
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(variableCount: inputBits, factorCount: 2,
                                                claims: [.init(factors: [0, 1], claimedSum: value)],
                                                publicFactors: publicInput == nil ? [0] : [0, 1])
        let result = try role.sumcheck(statement, publicValues: { rho in
            let eqOut = EqualityPolynomial.table(at: rSample), eqIn = EqualityPolynomial.table(at: rho)
            var wiring = Fr.zero
            for (out, source) in connections { wiring = wiring + eqOut[out] * eqIn[source] }
            return [wiring] + (publicInput.map { [$0.evaluate(at: rho + rBatch)] } ?? [])
        }) { tables in
            let eqOut = EqualityPolynomial.table(at: rSample)
            var wiring = [Fr](repeating: .zero, count: 1 << inputBits)
            for (out, source) in connections { wiring[source] = wiring[source] + eqOut[out] }
            let folded = DenseProtocol.foldRows(tables.tensor(layer.inputRoots[0])[...], rowWeights: EqualityPolynomial.table(at: rBatch),
                                                width: 1 << inputBits)
            return [DenseMultilinearPolynomial(evaluations: wiring), DenseMultilinearPolynomial(evaluations: folded)]
        }
        try role.recordTensor(layer.inputRoots[0], at: result.point + rBatch, value: result.factors[1])
    }

    /// (padded output position, padded input position) of every real element of one sample.
    static func connections(input: TensorLayout, output: TensorLayout, permutation: [Int]) -> [(Int, Int)] {
        let sampleShape = Array(input.shape.dropFirst())
        let sources = TranspositionFolding.flatSources(inputShape: [1] + sampleShape, permutation: permutation)
        return sources.enumerated().map { out, source in (output.paddedIndex(out), input.paddedIndex(source)) }
    }
}
