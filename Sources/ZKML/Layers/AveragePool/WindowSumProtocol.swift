import ZKAlgebra
import ZKProof

/// acc[b, c, Y, X] = Σ of x[b, c, y, x] over the in-image part of window (Y, X): an average pool
/// whose windows do not tile the input (padded, strided, any size), before its rescale by the
/// multiplier of each window's element count. At a random point r = (r_X, r_Y, r_c, r_b) on the
/// accumulator this is a sumcheck over the input's pixels (y, x) of
///   wiring(y, x) · x(r_b, r_c, y, x),  wiring(y, x) = R(r_Y, y) · C(r_X, x),
/// where R(r_Y, y) = Σ_{real Y} eq(r_Y, Y)·[y in rows of window Y] and C likewise. The in-image
/// part of a window is an interval on each axis, so the verifier evaluates both factors with
/// prefix sums in O(input + output rows and columns): nothing about the windows is committed.
package enum WindowSumProtocol {
    static func run<Role: ProofRole>(
        _ role: inout Role, layer: LayerPlan, geometry: PoolGeometry, accumulator: CommittedClaim
    ) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        let r = accumulator.point
        let (rowWindows, columnWindows) = windows(geometry, input: input.shape, output: output.shape)
        let (rX, rY) = (output.coordinates(r, axis: 3), output.coordinates(r, axis: 2))
        let rRest = Array(r[output.firstVariable(ofAxis: 1)...])
        let (widthBits, heightBits) = (input.dimensionBits[3], input.dimensionBits[2])
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(variableCount: widthBits + heightBits, factorCount: 2,
                                                claims: [.init(factors: [0, 1], claimedSum: accumulator.value)],
                                                publicFactors: publicInput == nil ? [0] : [0, 1])
        let result = try role.sumcheck(statement, publicValues: { rho in
            let wiring = axisWiring(rY, windows: rowWindows, at: Array(rho[widthBits...]))
                * axisWiring(rX, windows: columnWindows, at: Array(rho[..<widthBits]))
            return [wiring] + (publicInput.map { [$0.evaluate(at: rho + rRest)] } ?? [])
        }) { tables in
            let pixels = input.paddedShape[2] * input.paddedShape[3]
            let rowWeights = axisTable(rY, windows: rowWindows, length: input.paddedShape[2])
            let columnWeights = axisTable(rX, windows: columnWindows, length: input.paddedShape[3])
            let wiring = rowWeights.flatMap { row in columnWeights.map { row * $0 } }
            let folded = DenseProtocol.foldRows(tables.tensor(layer.inputRoots[0])[...], rowWeights: EqualityPolynomial.table(at: rRest),
                                                width: pixels)
            return [DenseMultilinearPolynomial(evaluations: wiring), DenseMultilinearPolynomial(evaluations: folded)]
        }
        try role.recordTensor(layer.inputRoots[0], at: result.point + rRest, value: result.factors[1])
    }

    /// The in-image rows and columns of every output row and column (never empty: the compiler
    /// refuses a window that lies wholly in the padding).
    package static func windows(_ geometry: PoolGeometry, input: [Int], output: [Int]) -> (rows: [Range<Int>], columns: [Range<Int>]) {
        (axisWindows(count: output[2], kernel: geometry.kernelHeight, stride: geometry.strideHeight, padBefore: geometry.padTop, length: input[2]),
         axisWindows(count: output[3], kernel: geometry.kernelWidth, stride: geometry.strideWidth, padBefore: geometry.padLeft, length: input[3]))
    }

    package static func axisWindows(count: Int, kernel: Int, stride: Int, padBefore: Int, length: Int) -> [Range<Int>] {
        (0..<count).map { index in
            let start = index * stride - padBefore
            let (first, end) = (max(start, 0), min(start + kernel, length))
            return first < end ? first..<end : first..<first
        }
    }

    /// Σ_{O} eq(rOut, O)·Σ_{i in windows[O]} eq(rho, i) over the real output indices O of one axis.
    package static func axisWiring(_ rOut: [Fr], windows: [Range<Int>], at rho: [Fr]) -> Fr {
        let eqOut = EqualityPolynomial.table(at: rOut), eqIn = EqualityPolynomial.table(at: rho)
        var prefix = [Fr.zero]
        prefix.reserveCapacity(eqIn.count + 1)
        for value in eqIn { prefix.append(prefix[prefix.count - 1] + value) }
        var sum = Fr.zero
        for (index, window) in windows.enumerated() {
            sum = sum + eqOut[index] * (prefix[window.upperBound] - prefix[window.lowerBound])
        }
        return sum
    }

    /// The prover's side of `axisWiring`: the weight of every input index of one axis.
    package static func axisTable(_ rOut: [Fr], windows: [Range<Int>], length: Int) -> [Fr] {
        let eqOut = EqualityPolynomial.table(at: rOut)
        var table = [Fr](repeating: .zero, count: length)
        for (index, window) in windows.enumerated() {
            for source in window { table[source] = table[source] + eqOut[index] }
        }
        return table
    }
}
