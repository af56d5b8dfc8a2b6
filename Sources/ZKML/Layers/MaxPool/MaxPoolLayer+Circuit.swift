import ZKProof

/// MaxPool: the output is the largest of each window; every difference out − x_j is
/// range-checked and their product is zero.
enum MaxPoolLayer {
    static func compile(_ c: inout LayerCompilation, geometry: PoolGeometry) throws(CircuitCompilationError) -> LayerPlan.Step {
        // The product Π_j (out − x_j) has one factor per window element, plus eq.
        guard geometry.kernelHeight * geometry.kernelWidth < SumcheckStatement.maximumFactorCount else {
            throw c.unsupported("max-pool windows above \(SumcheckStatement.maximumFactorCount - 1) elements")
        }
        return .maxPool(kernelBits: try c.poolKernelBits(geometry), rangeTable: c.table(.range(bits: ProofParameters.rangeBits)))
    }

    /// One range lookup per window element: out − x at that offset, for every output position.
    static func lookupSegments(layer: Int, kernelBits: (Int, Int), rangeTable: Int, logSize: Int, input: Int, output: Int)
        -> [LookupSegment] {
        var segments = [LookupSegment]()
        for dy in 0..<(1 << kernelBits.0) {
            for dx in 0..<(1 << kernelBits.1) {
                segments.append(LookupSegment(table: rangeTable, logSize: logSize, source: .poolDifference(
                    layer: layer, output: output, input: input, offset: (dy, dx))))
            }
        }
        return segments
    }
}
