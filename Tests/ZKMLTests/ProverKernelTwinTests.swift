import Testing
import ZKAlgebra
import ZKProof
import ZKML

/// Every optimized routine the layer provers rely on, against a naive twin written from the
/// definition (DESIGN: correctness first, then speed).
@Suite("Prover kernels against naive twins")
struct ProverKernelTwinTests {
    @Test("folding a matrix's rows by eq(r) equals binding its row variables", arguments: [(1, 3), (3, 5), (5, 2), (6, 6)])
    func foldRows(rowBits: Int, columnBits: Int) {
        var rng = SplitMix64(seed: UInt64(rowBits * 31 + columnBits))
        let matrix = Fr.randomElements(1 << (rowBits + columnBits), using: &rng)
        let rowPoint = Fr.randomElements(rowBits, using: &rng)
        let fast = DenseProtocol.foldRows(matrix[...], rowWeights: EqualityPolynomial.table(at: rowPoint), width: 1 << columnBits)
        #expect(fast == DenseProtocol.foldRowsNaive(matrix, rowPoint: rowPoint))
    }

    static let convolutions: [(input: [Int], kernel: (Int, Int), strides: (Int, Int), pads: (Int, Int, Int, Int))] = [
        ([1, 3, 8, 8], (3, 3), (1, 1), (1, 1, 1, 1)),
        ([1, 2, 5, 7], (3, 3), (2, 2), (0, 1, 1, 0)),
        ([2, 1, 6, 6], (5, 5), (1, 1), (2, 2, 2, 2)),
        ([1, 4, 9, 4], (2, 3), (3, 1), (0, 0, 0, 0)),
    ]

    @Test("the prover's scattered wiring table has the extension the verifier computes", arguments: 0..<4)
    func convolutionWiring(case index: Int) {
        let shape = Self.convShape(index)
        var rng = SplitMix64(seed: UInt64(index))
        let pixel = Fr.randomElements(shape.output.dimensionBits[2] + shape.output.dimensionBits[3], using: &rng)
        let offset = Fr.randomElements(shape.offsetBits, using: &rng)
        let position = Fr.randomElements(shape.positionBits, using: &rng)
        let table = ConvProtocol.wiringTable(shape, outputPoint: pixel)
        let fast = DenseMultilinearPolynomial(evaluations: table).evaluate(at: position + offset)
        #expect(fast == ConvProtocol.wiringExtension(shape, outputPoint: pixel, offsetPoint: offset, positionPoint: position))
        // And on the hypercube, entry by entry from the definition of a convolution window.
        let eq = EqualityPolynomial.tableNaive(at: pixel)
        let (padTop, padLeft) = (shape.geometry.padTop, shape.geometry.padLeft)
        for ky in 0..<shape.geometry.kernelHeight {
            for kx in 0..<shape.geometry.kernelWidth {
                for y in 0..<shape.input.paddedShape[2] {
                    for x in 0..<shape.input.paddedShape[3] {
                        var expected = Fr.zero
                        for oy in 0..<shape.output.shape[2] {
                            for ox in 0..<shape.output.shape[3] {
                                let (iy, ix) = (oy * shape.geometry.strideHeight + ky - padTop, ox * shape.geometry.strideWidth + kx - padLeft)
                                if iy == y, ix == x, y < shape.input.shape[2], x < shape.input.shape[3] {
                                    expected = expected + eq[oy * shape.output.paddedShape[3] + ox]
                                }
                            }
                        }
                        let entry = table[((ky << shape.kernelBits.1) + kx) << shape.positionBits | (y * shape.input.paddedShape[3] + x)]
                        #expect(entry == expected)
                    }
                }
            }
        }
    }

    static func convShape(_ index: Int) -> ConvProtocol.Shape {
        let c = convolutions[index]
        let geometry = PoolGeometry(kernel: c.kernel, strides: c.strides, pads: c.pads)
        let size = geometry.outputSize(height: c.input[2], width: c.input[3])!
        let input = TensorLayout(shape: c.input)
        let output = TensorLayout(shape: [c.input[0], 4, size.height, size.width])
        let bits = { (n: Int) in TensorLayout(shape: [n]).dimensionBits[0] }
        return ConvProtocol.Shape(input: input, output: output, geometry: geometry, kernelBits: (bits(c.kernel.0), bits(c.kernel.1)))
    }

    @Test("window points on the input's extension select the window elements the witness reads")
    func poolingWindows() {
        var rng = SplitMix64(seed: 7)
        let output = TensorLayout(shape: [2, 3, 3, 5]), input = TensorLayout(shape: [2, 3, 6, 10])
        let values = Fr.randomElements(input.size, using: &rng)
        let polynomial = DenseMultilinearPolynomial(evaluations: values)
        for index in stride(from: 0, to: output.size, by: 7) {
            let point = (0..<output.variableCount).map { (index >> $0) & 1 == 1 ? Fr.one : Fr.zero }
            for offset in PoolingWindow.offsets((1, 1)) {
                let lifted = PoolingWindow.inputPoint(point, output: output, kernelBits: (1, 1), offset: offset)
                #expect(polynomial.evaluate(at: lifted) == values[PoolingWindow.inputIndex(index, offset: offset, output: output, input: input)])
            }
        }
    }

    @Test("the real-entry indicator and the multiplier tensor have the extensions the verifier computes")
    func indicatorsAndMultipliers() {
        var rng = SplitMix64(seed: 11)
        let layout = TensorLayout(shape: [3, 5, 6, 3])
        let point = Fr.randomElements(layout.variableCount, using: &rng)
        let mask = (0..<layout.size).map { layout.isReal(paddedIndex: $0) ? Fr.one : Fr.zero }
        #expect(DenseMultilinearPolynomial(evaluations: mask).evaluateNaive(at: point) == layout.realIndicator(at: point))
        let skipped = (0..<layout.size).map { index -> Fr in
            var c = layout.coordinates(ofPaddedIndex: index)
            c[1] = 0
            return c.enumerated().allSatisfy { $1 < layout.shape[$0] } ? .one : .zero
        }
        #expect(DenseMultilinearPolynomial(evaluations: skipped).evaluateNaive(at: point)
                == layout.realIndicator(at: point, skippingAxes: [1]))
        let rescale = RescalePlan(multipliers: [3, 9, 27, 81, 243], channelAxis: 1, shift: 12, lower: -128, upper: 127,
                                  clampTable: 0, rangeTable: 1)
        let table = (0..<layout.size).map { Fr(rescale.multiplier(atPaddedIndex: $0, layout: layout)) }
        #expect(DenseMultilinearPolynomial(evaluations: table).evaluateNaive(at: point)
                == rescale.multiplierExtension(at: point, layout: layout))
        // One multiplier per (row, column) position, as a padded average pool's rescale has.
        let positional = RescalePlan(multipliers: (0..<18).map { Int64(7 + 5 * $0) }, channelAxis: 2, spannedAxes: 2, shift: 12,
                                     lower: -128, upper: 127, clampTable: 0, rangeTable: 1)
        let positions = (0..<layout.size).map { index -> Fr in
            let c = layout.coordinates(ofPaddedIndex: index)
            return c[2] < 6 && c[3] < 3 ? Fr(Int64(7 + 5 * (c[2] * 3 + c[3]))) : .zero
        }
        #expect(positions == (0..<layout.size).map { Fr(positional.multiplier(atPaddedIndex: $0, layout: layout)) })
        #expect(DenseMultilinearPolynomial(evaluations: positions).evaluateNaive(at: point)
                == positional.multiplierExtension(at: point, layout: layout))
    }

    @Test("an average pool's window-sum wiring: the prover's table, the verifier's prefix sums and the definition agree",
          arguments: 0..<4)
    func windowSumWiring(case index: Int) {
        let c = Self.convolutions[index]
        let geometry = PoolGeometry(kernel: c.kernel, strides: c.strides, pads: c.pads)
        let size = geometry.outputSize(height: c.input[2], width: c.input[3])!
        let (rows, _) = WindowSumProtocol.windows(geometry, input: c.input, output: [1, 1, size.height, size.width])
        let (outputBits, inputBits) = (TensorLayout(shape: [size.height]).dimensionBits[0], TensorLayout(shape: [c.input[2]]).dimensionBits[0])
        var rng = SplitMix64(seed: UInt64(40 + index))
        let rOut = Fr.randomElements(outputBits, using: &rng), rho = Fr.randomElements(inputBits, using: &rng)
        let table = WindowSumProtocol.axisTable(rOut, windows: rows, length: 1 << inputBits)
        #expect(DenseMultilinearPolynomial(evaluations: table).evaluateNaive(at: rho)
                == WindowSumProtocol.axisWiring(rOut, windows: rows, at: rho))
        // Entry y: the eq weights of the output rows whose window holds in-image row y.
        let eq = EqualityPolynomial.tableNaive(at: rOut)
        for y in 0..<(1 << inputBits) {
            var expected = Fr.zero
            for o in 0..<size.height {
                let start = o * geometry.strideHeight - geometry.padTop
                if y >= start, y < start + geometry.kernelHeight, y < c.input[2] { expected = expected + eq[o] }
            }
            #expect(table[y] == expected)
        }
    }

    @Test("segment selectors are the extension of each segment's block indicator")
    func segmentSelectors() {
        var rng = SplitMix64(seed: 5)
        let placement = SegmentPlacement(logSizes: [3, 5, 3, 1, 4])
        let point = Fr.randomElements(placement.variableCount, using: &rng)
        for segment in placement.offsets.indices {
            let start = placement.offsets[segment], size = 1 << placement.logSizes[segment]
            let indicator = (0..<placement.size).map { $0 >= start && $0 < start + size ? Fr.one : Fr.zero }
            #expect(DenseMultilinearPolynomial(evaluations: indicator).evaluateNaive(at: point)
                    == placement.selector(point, segment: segment))
            #expect(start % size == 0)
        }
    }

    @Test("lifting a segment point evaluates the segment inside the whole")
    func globalPoints() {
        var rng = SplitMix64(seed: 3)
        let placement = SegmentPlacement(logSizes: [2, 6, 4])
        let whole = Fr.randomElements(placement.size, using: &rng)
        for segment in placement.offsets.indices {
            let local = Fr.randomElements(placement.logSizes[segment], using: &rng)
            let start = placement.offsets[segment]
            let slice = Array(whole[start..<(start + (1 << placement.logSizes[segment]))])
            let global = placement.globalPoint(local, segment: segment)
            let polynomial = DenseMultilinearPolynomial(evaluations: whole)
            #expect(polynomial.evaluate(at: global) == DenseMultilinearPolynomial(evaluations: slice).evaluate(at: local))
            #expect(polynomial.evaluate(at: global) == polynomial.evaluateNaive(at: global))
        }
    }
}

extension Fr {
    static func randomElements(_ count: Int, using generator: inout SplitMix64) -> [Fr] {
        (0..<count).map { _ in Fr(generator.next() >> 2) * Fr(generator.next()) + Fr(generator.next()) }
    }
}
