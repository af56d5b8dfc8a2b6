import ZKAlgebra
import ZKProof

/// out[b, c, Y, X] = x[b, c, rows[Y], columns[X]]. At a random point r = (r_X, r_Y, r_c, r_b) on
/// the output this is a sumcheck over the input's pixels (y, x) of
///   wiring(y, x) · x(r_b, r_c, y, x),  wiring(y, x) = R(r_Y, y) · C(r_X, x),
/// where R(r_Y, y) = Σ_{real Y} eq(r_Y, Y)·[rows[Y] = y] and C likewise: the verifier evaluates
/// both in O(output rows + columns), so nothing about the gather is committed.
enum WindowsProtocol {
    static func run<Role: ProofRole>(_ role: inout Role, layer: LayerPlan, geometry: PoolGeometry) throws(InferenceVerificationError) {
        let output = role.plan.layouts[layer.outputRoot]
        let input = role.plan.layouts[layer.inputRoots[0]]
        let r = role.point(output.variableCount)
        let value = try role.claimTensor(layer.outputRoot, at: r)
        let tiles = WindowTiles(geometry)
        let rows = tiles.sourceRows(inputHeight: input.shape[2], outputHeight: output.shape[2])
        let columns = tiles.sourceColumns(inputWidth: input.shape[3], outputWidth: output.shape[3])
        let (rX, rY) = (output.coordinates(r, axis: 3), output.coordinates(r, axis: 2))
        let rRest = Array(r[output.firstVariable(ofAxis: 1)...])
        let (widthBits, heightBits) = (input.dimensionBits[3], input.dimensionBits[2])
        let publicInput = role.publicTensor(layer.inputRoots[0])
        let statement = HidingSumcheckStatement(variableCount: widthBits + heightBits, factorCount: 2,
                                                claims: [.init(factors: [0, 1], claimedSum: value)],
                                                publicFactors: publicInput == nil ? [0] : [0, 1])
        let result = try role.sumcheck(statement, publicValues: { rho in
            let wiring = axisWiring(rY, sources: rows, at: Array(rho[widthBits...]))
                * axisWiring(rX, sources: columns, at: Array(rho[..<widthBits]))
            return [wiring] + (publicInput.map { [$0.evaluate(at: rho + rRest)] } ?? [])
        }) { tables in
            let pixels = input.paddedShape[2] * input.paddedShape[3]
            let rowWeights = axisTable(rY, sources: rows, length: input.paddedShape[2])
            let columnWeights = axisTable(rX, sources: columns, length: input.paddedShape[3])
            let wiring = rowWeights.flatMap { row in columnWeights.map { row * $0 } }
            let folded = DenseProtocol.foldRows(tables.tensor(layer.inputRoots[0])[...], rowWeights: EqualityPolynomial.table(at: rRest),
                                                width: pixels)
            return [DenseMultilinearPolynomial(evaluations: wiring), DenseMultilinearPolynomial(evaluations: folded)]
        }
        try role.recordTensor(layer.inputRoots[0], at: result.point + rRest, value: result.factors[1])
    }

    /// Σ_{O} eq(rOut, O)·eq(rho, sources[O]) over the real output indices O of one axis.
    static func axisWiring(_ rOut: [Fr], sources: [Int], at rho: [Fr]) -> Fr {
        let eqOut = EqualityPolynomial.table(at: rOut), eqIn = EqualityPolynomial.table(at: rho)
        var sum = Fr.zero
        for (index, source) in sources.enumerated() { sum = sum + eqOut[index] * eqIn[source] }
        return sum
    }

    /// The prover's side of `axisWiring`: the weight of every input index of one axis.
    static func axisTable(_ rOut: [Fr], sources: [Int], length: Int) -> [Fr] {
        let eqOut = EqualityPolynomial.table(at: rOut)
        var table = [Fr](repeating: .zero, count: length)
        for (index, source) in sources.enumerated() { table[source] = table[source] + eqOut[index] }
        return table
    }
}
