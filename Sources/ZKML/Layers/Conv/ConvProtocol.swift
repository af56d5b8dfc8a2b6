import ZKAlgebra
import ZKProof

/// acc[b, co, oy, ox] = Σ_{ci, ky, kx} W[co, ci, ky, kx]·x[b, ci, oy·s + ky − p, ox·s + kx − p]
/// + bias[co] (on real positions only). At the accumulator's point (r_x, r_y, r_co, r_b) this is
/// a sumcheck over (input position, kernel offset, input channel) of
///   W(r_co, ci, k) · wiring(k, pos) · x(r_b, ci, pos),
/// where wiring(k, pos) = Σ_{real (oy, ox)} eq((r_y, r_x), (oy, ox))·[pos is where offset k of
/// output (oy, ox) reads]. The verifier evaluates the wiring's extension itself in
/// O(output pixels × kernel size), so no wiring table is committed.
package enum ConvProtocol {
    /// A convolution's padded input and output layouts, geometry and kernel size in bits.
    public struct Shape: Sendable {
        public let input: TensorLayout
        public let output: TensorLayout
        public let geometry: PoolGeometry
        public let kernelBits: (Int, Int)

        public init(input: TensorLayout, output: TensorLayout, geometry: PoolGeometry, kernelBits: (Int, Int)) {
            self.input = input
            self.output = output
            self.geometry = geometry
            self.kernelBits = kernelBits
        }

        public var positionBits: Int { input.dimensionBits[2] + input.dimensionBits[3] }
        public var offsetBits: Int { kernelBits.0 + kernelBits.1 }
        public var channelBits: Int { input.dimensionBits[1] }
    }

    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, weights: WeightsLayout.Segment, bias: WeightsLayout.Segment,
        geometry: PoolGeometry, accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        let shape = Shape(input: input, output: output, geometry: geometry,
                          kernelBits: (weights.paddedShape[2].trailingZeroBitCount, weights.paddedShape[3].trailingZeroBitCount))
        let pixelBits = output.dimensionBits[2] + output.dimensionBits[3]
        let rPixel = Array(accumulator.point[..<pixelBits])
        let rChannel = output.coordinates(accumulator.point, axis: 1)
        let rBatch = output.coordinates(accumulator.point, axis: 0)
        let biasValue = try role.claimWeights(bias, at: rChannel)
        let indicator = output.realIndicator(at: accumulator.point, skippingAxes: [1])
        let target = accumulator.value - indicator * biasValue
        let variables = shape.positionBits + shape.offsetBits + shape.channelBits
        // The wiring is public (the verifier evaluates its extension), and so is a first layer's input.
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(variableCount: variables, factorCount: 3,
                                                claims: [.init(factors: [0, 1, 2], claimedSum: target)],
                                                publicFactors: publicInput == nil ? [1] : [1, 2])
        let result = try role.sumcheck(statement, publicValues: { rho in
            let (position, offset, channel) = split(rho, shape)
            let wiring = wiringExtension(shape, outputPoint: rPixel, offsetPoint: offset, positionPoint: position)
            return [wiring] + (publicInput.map { [$0.evaluate(at: position + channel + rBatch)] } ?? [])
        }) { tables in
            let (w, wiring, x) = proverFactors(tables, layer: layer, weights: weights, shape: shape,
                                               rPixel: rPixel, rChannel: rChannel, rBatch: rBatch)
            return [w, wiring, x]
        }
        let (rhoPosition, rhoOffset, rhoChannel) = split(result.point, shape)
        role.recordWeights(weights, at: rhoOffset + rhoChannel + rChannel, value: result.factors[0])
        try role.recordTensor(layer.inputRoots[0], at: rhoPosition + rhoChannel + rBatch, value: result.factors[2])
    }

    /// The sumcheck's point as (position, kernel offset, input channel) coordinates.
    static func split(_ rho: [Fr], _ shape: Shape) -> (position: [Fr], offset: [Fr], channel: [Fr]) {
        (Array(rho[..<shape.positionBits]), Array(rho[shape.positionBits..<(shape.positionBits + shape.offsetBits)]),
         Array(rho[(shape.positionBits + shape.offsetBits)...]))
    }

    /// The three factors over (position, offset, channel), position in the low variables.
    static func proverFactors(
        _ tables: ProverTables, layer: LayerPlan, weights: WeightsLayout.Segment, shape: Shape,
        rPixel: [Fr], rChannel: [Fr], rBatch: [Fr]
    ) -> (DenseMultilinearPolynomial, DenseMultilinearPolynomial, DenseMultilinearPolynomial) {
        let positions = 1 << shape.positionBits, offsets = 1 << shape.offsetBits, channels = 1 << shape.channelBits
        // W(r_co, ci, k) over (k, ci): fold the output-channel rows of the [co][ci][k] segment.
        let foldedWeights = DenseProtocol.foldRows(tables.weights(weights), rowWeights: EqualityPolynomial.table(at: rChannel),
                                                   width: offsets * channels)
        // x(r_b, ci, pos) over (pos, ci).
        let foldedInput = DenseProtocol.foldRows(tables.tensor(layer.inputRoots[0])[...], rowWeights: EqualityPolynomial.table(at: rBatch),
                                                 width: positions * channels)
        let wiring = wiringTable(shape, outputPoint: rPixel)
        var w = [Fr](repeating: .zero, count: positions * offsets * channels)
        var g = w, x = w
        for channel in 0..<channels {
            for offset in 0..<offsets {
                let weight = foldedWeights[channel * offsets + offset]
                let base = (channel * offsets + offset) * positions
                for position in 0..<positions {
                    w[base + position] = weight
                    g[base + position] = wiring[offset * positions + position]
                    x[base + position] = foldedInput[channel * positions + position]
                }
            }
        }
        return (DenseMultilinearPolynomial(evaluations: w), DenseMultilinearPolynomial(evaluations: g),
                DenseMultilinearPolynomial(evaluations: x))
    }

    /// Visits every (output pixel, kernel offset, input position) the convolution connects.
    public static func forEachConnection(_ shape: Shape, _ body: (_ pixel: Int, _ offset: Int, _ position: Int) -> Void) {
        let (height, width) = (shape.input.shape[2], shape.input.shape[3])
        let inputWidth = shape.input.paddedShape[3]
        let outputWidth = shape.output.paddedShape[3]
        let kernelWidth = 1 << shape.kernelBits.1
        for oy in 0..<shape.output.shape[2] {
            for ox in 0..<shape.output.shape[3] {
                shape.geometry.forEachInput(outputY: oy, outputX: ox, height: height, width: width) { ky, kx, y, x in
                    body(oy * outputWidth + ox, ky * kernelWidth + kx, y * inputWidth + x)
                }
            }
        }
    }

    /// The prover's wiring table over (position, offset), scattered from the connections.
    public static func wiringTable(_ shape: Shape, outputPoint: [Fr]) -> [Fr] {
        let eqPixel = EqualityPolynomial.table(at: outputPoint)
        let positions = 1 << shape.positionBits
        var table = [Fr](repeating: .zero, count: positions << shape.offsetBits)
        forEachConnection(shape) { pixel, offset, position in
            table[offset * positions + position] = table[offset * positions + position] + eqPixel[pixel]
        }
        return table
    }

    /// The verifier's evaluation of the wiring's extension at (offset point, position point).
    public static func wiringExtension(_ shape: Shape, outputPoint: [Fr], offsetPoint: [Fr], positionPoint: [Fr]) -> Fr {
        let eqPixel = EqualityPolynomial.table(at: outputPoint)
        let eqOffset = EqualityPolynomial.table(at: offsetPoint)
        let eqPosition = EqualityPolynomial.table(at: positionPoint)
        var sum = Fr.zero
        forEachConnection(shape) { pixel, offset, position in
            sum = sum + eqPixel[pixel] * eqOffset[offset] * eqPosition[position]
        }
        return sum
    }
}
