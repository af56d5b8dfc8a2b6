import ZKAlgebra
import ZKProof

/// acc[b, c, y, x] = in_s[b, c − o_s, y, x] for the input s whose channels [o_s, o_s + C_s) hold c.
/// At the accumulator's point (r_pixel, r_c, r_b), with the inputs stacked as one table over
/// (input s, channel c) — G(s, c) = in_s(r_pixel, c, r_b), zero beyond C_s — this is
///   acc(r) = Σ_{s, c} F(s, c) · G(s, c),   F(s, c) = [c < C_s]·eq(r_c, o_s + c),
/// one sumcheck whose F the verifier evaluates. G's final value at (ρ_s, ρ_c) is then split
/// into one claim per input: G(ρ_s, ρ_c) = Σ_s eq(ρ_s, s)·in_s(r_pixel, ρ_c, r_b)·[ρ_c's bits above
/// C_s's padding are zero].
enum ConcatProtocol {
    static func run<Role: ProofRole>(_ role: inout Role, layer: LayerPlan, accumulator: CommittedClaim) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let inputs = layer.inputRoots.map { role.plan.layouts[$0] }
        let channelStart = output.firstVariable(ofAxis: 1)
        let rPixel = Array(accumulator.point[..<channelStart])
        let rChannel = output.coordinates(accumulator.point, axis: 1)
        let rBatch = output.coordinates(accumulator.point, axis: 0)
        let channelBits = inputs.map { $0.dimensionBits[1] }.max() ?? 0
        let stackBits = bits(inputs.count)
        var offsets = [Int](), offset = 0
        for input in inputs { offsets.append(offset); offset += input.shape[1] }
        let statement = HidingSumcheckStatement(variableCount: channelBits + stackBits, factorCount: 2,
                                                claims: [.init(factors: [0, 1], claimedSum: accumulator.value)], publicFactors: [0])
        let result = try role.sumcheck(statement, publicValues: { rho in
            [selector(rChannel, inputs: inputs, offsets: offsets, channelPoint: Array(rho[..<channelBits]), stackPoint: Array(rho[channelBits...]))]
        }) { tables in
            let eqChannel = EqualityPolynomial.table(at: rChannel)
            var f = [Fr](repeating: .zero, count: 1 << (channelBits + stackBits)), g = f
            for (s, input) in inputs.enumerated() {
                let values = channelValues(tables.tensor(layer.inputRoots[s]), layout: input, pixel: rPixel, batch: rBatch)
                for c in 0..<input.shape[1] {
                    f[s << channelBits + c] = eqChannel[offsets[s] + c]
                    g[s << channelBits + c] = values[c]
                }
            }
            return [DenseMultilinearPolynomial(evaluations: f), DenseMultilinearPolynomial(evaluations: g)]
        }
        let (rhoChannel, rhoStack) = (Array(result.point[..<channelBits]), Array(result.point[channelBits...]))
        let eqStack = EqualityPolynomial.table(at: rhoStack)
        var combined = CommittedValue.zero
        for (s, input) in inputs.enumerated() {
            let bits = input.dimensionBits[1]
            let value = try role.claimTensor(layer.inputRoots[s], at: rPixel + rhoChannel[..<bits] + rBatch)
            let highBitsZero = rhoChannel[bits...].reduce(Fr.one) { $0 * (Fr.one - $1) }
            combined = combined + eqStack[s] * highBitsZero * value
        }
        try role.require("concatenation", combined, equals: result.factors[1])
    }

    /// F(ρ_s, ρ_c) = Σ_s eq(ρ_s, s)·Σ_{c < C_s} eq(r_c, o_s + c)·eq(ρ_c, c).
    static func selector(_ rChannel: [Fr], inputs: [TensorLayout], offsets: [Int], channelPoint: [Fr], stackPoint: [Fr]) -> Fr {
        let eqChannel = EqualityPolynomial.table(at: rChannel), eqRho = EqualityPolynomial.table(at: channelPoint)
        let eqStack = EqualityPolynomial.table(at: stackPoint)
        var sum = Fr.zero
        for (s, input) in inputs.enumerated() {
            var inner = Fr.zero
            for c in 0..<input.shape[1] { inner = inner + eqChannel[offsets[s] + c] * eqRho[c] }
            sum = sum + eqStack[s] * inner
        }
        return sum
    }

    /// in(r_pixel, c, r_b) for every padded channel c of one input (layout [b][c][pixels]).
    static func channelValues(_ tensor: [Fr], layout: TensorLayout, pixel: [Fr], batch: [Fr]) -> [Fr] {
        let pixels = 1 << pixel.count, channels = layout.paddedShape[1]
        let folded = DenseProtocol.foldRows(tensor[...], rowWeights: EqualityPolynomial.table(at: batch), width: channels * pixels)
        let eqPixel = EqualityPolynomial.table(at: pixel)
        return (0..<channels).map { c in
            var sum = Fr.zero
            for p in 0..<pixels { sum = sum + folded[c * pixels + p] * eqPixel[p] }
            return sum
        }
    }

    static func bits(_ count: Int) -> Int {
        var bits = 0
        while 1 << bits < count { bits += 1 }
        return bits
    }
}
