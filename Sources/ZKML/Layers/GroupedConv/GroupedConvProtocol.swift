import ZKAlgebra
import ZKProof

/// Output channel co = (g, j) and input channel ci = (g, i) — group g in the high bits, the
/// channel within the group in the low bits (per-group counts are powers of two). At the
/// accumulator's point (r_pixel, r_j, r_g, r_b):
///   acc(r) − bias = Σ_{g, i, k, pos} eq(r_g, g) · W(r_j, g, i, k) · wiring(k, pos) · x(r_b, g, i, pos),
/// Conv's sumcheck with the group as one more summed variable whose eq factor the verifier
/// evaluates, so only the weights of each output channel's own group are multiplied (depthwise
/// costs C·k² weights, not C²·k²).
enum GroupedConvProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, weights: WeightsLayout.Segment, bias: WeightsLayout.Segment,
        geometry: PoolGeometry, groups: Int, accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        let shape = ConvProtocol.Shape(input: input, output: output, geometry: geometry,
                                       kernelBits: (weights.paddedShape[2].trailingZeroBitCount, weights.paddedShape[3].trailingZeroBitCount))
        let inBits = weights.paddedShape[1].trailingZeroBitCount
        let outBits = output.dimensionBits[1] - (input.dimensionBits[1] - inBits)
        let pixelBits = output.dimensionBits[2] + output.dimensionBits[3]
        let rPixel = Array(accumulator.point[..<pixelBits])
        let rChannel = output.coordinates(accumulator.point, axis: 1)
        let (rWithin, rGroup) = (Array(rChannel[..<outBits]), Array(rChannel[outBits...]))
        let rBatch = output.coordinates(accumulator.point, axis: 0)
        let biasValue = try role.claimWeights(bias, at: rChannel)
        let indicator = output.realIndicator(at: accumulator.point, skippingAxes: [1])
        let bits = Bits(position: shape.positionBits, offset: shape.offsetBits, within: inBits, group: rGroup.count)
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(
            variableCount: bits.total, factorCount: 4,
            claims: [.init(factors: [0, 1, 2, 3], claimedSum: accumulator.value - indicator * biasValue)],
            publicFactors: publicInput == nil ? [1, 3] : [1, 2, 3])
        let result = try role.sumcheck(statement, publicValues: { rho in
            let (position, offset, within, group) = bits.split(rho)
            let wiring = ConvProtocol.wiringExtension(shape, outputPoint: rPixel, offsetPoint: offset, positionPoint: position)
            let x = publicInput.map { [$0.evaluate(at: position + within + group + rBatch)] } ?? []
            return [wiring] + x + [EqualityPolynomial.evaluate(rGroup, group)]
        }) { tables in
            proverFactors(tables, layer: layer, weights: weights, shape: shape, bits: bits,
                          rPixel: rPixel, rWithin: rWithin, rGroup: rGroup, rBatch: rBatch)
        }
        let (position, offset, within, group) = bits.split(result.point)
        role.recordWeights(weights, at: offset + within + rWithin + group, value: result.factors[0])
        try role.recordTensor(layer.inputRoots[0], at: position + within + group + rBatch, value: result.factors[2])
    }

    /// The sumcheck's variables, low to high: input position, kernel offset, input channel
    /// within the group, group.
    struct Bits {
        let position: Int, offset: Int, within: Int, group: Int
        var total: Int { position + offset + within + group }

        func split(_ rho: [Fr]) -> (position: [Fr], offset: [Fr], within: [Fr], group: [Fr]) {
            let a = position, b = a + offset, c = b + within
            return (Array(rho[..<a]), Array(rho[a..<b]), Array(rho[b..<c]), Array(rho[c...]))
        }
    }

    static func proverFactors(
        _ tables: ProverTables, layer: LayerPlan, weights: WeightsLayout.Segment, shape: ConvProtocol.Shape, bits: Bits,
        rPixel: [Fr], rWithin: [Fr], rGroup: [Fr], rBatch: [Fr]
    ) -> [DenseMultilinearPolynomial] {
        let positions = 1 << bits.position, offsets = 1 << bits.offset, within = 1 << bits.within, groups = 1 << bits.group
        // W(r_j, g, i, k) over (k, i) per group: fold each group's output-channel rows.
        let eqWithin = EqualityPolynomial.table(at: rWithin)
        let rowWidth = within * offsets, groupRows = eqWithin.count
        let allWeights = tables.weights(weights)
        let folded = (0..<groups).flatMap { g in
            let start = allWeights.startIndex + g * groupRows * rowWidth
            return DenseProtocol.foldRows(allWeights[start..<(start + groupRows * rowWidth)], rowWeights: eqWithin, width: rowWidth)
        }
        // x(r_b, ci, pos) over (pos, ci), ci = g·within + i.
        let foldedInput = DenseProtocol.foldRows(tables.tensor(layer.inputRoots[0])[...], rowWeights: EqualityPolynomial.table(at: rBatch),
                                                 width: positions * within * groups)
        let wiring = ConvProtocol.wiringTable(shape, outputPoint: rPixel)
        let eqGroup = EqualityPolynomial.table(at: rGroup)
        let size = positions * offsets * within * groups
        var w = [Fr](repeating: .zero, count: size)
        var g = w, x = w, e = w
        for channel in 0..<(within * groups) {
            for offset in 0..<offsets {
                let weight = folded[channel * offsets + offset], groupWeight = eqGroup[channel / within]
                let base = (channel * offsets + offset) * positions
                for position in 0..<positions {
                    w[base + position] = weight
                    g[base + position] = wiring[offset * positions + position]
                    x[base + position] = foldedInput[channel * positions + position]
                    e[base + position] = groupWeight
                }
            }
        }
        return [w, g, x, e].map { DenseMultilinearPolynomial(evaluations: $0) }
    }
}
