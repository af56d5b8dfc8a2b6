import ZKAlgebra
import ZKProof

/// Everything the prover commits or reads, built from the integer reference engine's traces
/// (inference is the witness generator). Values are integers on the padded layouts.
struct ProofWitness {
    /// Values of every storage root (public ones included), on its layout.
    var tensors: [Int: [Int64]] = [:]
    /// Accumulators of rescaled layers, on the output layout (zero on padding).
    var accumulators: [Int: [Int64]] = [:]
    var columns: [WitnessColumn: [Int64]] = [:]
    /// Per lookup segment: the looked-up pairs (second is 0 for one-column tables).
    var segmentEntries: [(first: [Int64], second: [Int64])] = []

    init(plan: CircuitPlan, traces: [InferenceTrace]) throws(InferenceProverError) {
        for tensor in plan.roots.indices where plan.roots[tensor] == tensor {
            let values = traces.flatMap { $0.tensors[tensor].scalars }
            tensors[tensor] = plan.layouts[tensor].embed(values)
        }
        for layer in plan.layers {
            guard let rescale = layer.rescale else { continue }
            let layout = plan.layouts[layer.outputRoot]
            let accumulators = layout.embed(traces.flatMap { $0.witnesses[layer.index].accumulators })
            let quotients = layout.embed(traces.flatMap { $0.witnesses[layer.index].quotients })
            var limbs = (0..<rescale.limbCount).map { _ in [Int64](repeating: 0, count: layout.size) }
            let half = Int64(1) << (rescale.shift - 1)
            for index in 0..<layout.size {
                let multiplier = rescale.multiplier(atPaddedIndex: index, layout: layout)
                var remainder = accumulators[index] &* multiplier &+ half &- (quotients[index] << rescale.shift)
                guard remainder >= 0, remainder < (Int64(1) << rescale.shift) else {
                    throw .inconsistentWitness(layer: layer.index, reason: "remainder \(remainder) outside [0, 2^\(rescale.shift))")
                }
                for limb in limbs.indices {
                    limbs[limb][index] = remainder & ((Int64(1) << ProofParameters.rangeBits) - 1)
                    remainder >>= ProofParameters.rangeBits
                }
            }
            self.accumulators[layer.index] = accumulators
            columns[.quotient(layer: layer.index)] = quotients
            for (limb, values) in limbs.enumerated() { columns[.remainderLimb(layer: layer.index, limb: limb)] = values }
        }
        for column in plan.columns {
            if case let .tensor(root) = column { columns[column] = tensors[root] }
        }
        segmentEntries = plan.lookupSegments.map { segment in Self.entries(of: segment, plan: plan, tensors: tensors, columns: columns) }

        // Multiplicities, counting each table's padding entries (entry 0) too.
        for (tableIndex, kind) in plan.tables.enumerated() {
            var counts = [Int64](repeating: 0, count: 1 << kind.bitCount)
            var used = 0
            for (segment, entries) in zip(plan.lookupSegments, segmentEntries) where segment.table == tableIndex {
                used += 1 << segment.logSize
                for (first, second) in zip(entries.first, entries.second) {
                    guard let entry = kind.entryIndex(first, second) else {
                        throw Self.outsideTable(segment, kind: kind, first: first, second: second)
                    }
                    counts[entry] += 1
                }
            }
            let placement = SegmentPlacement(logSizes: plan.lookupSegments.filter { $0.table == tableIndex }.map(\.logSize))
            counts[0] += Int64(placement.size - used)
            columns[.multiplicities(table: tableIndex)] = counts
        }
    }

    static func outsideTable(_ segment: LookupSegment, kind: LookupTableKind, first: Int64, second: Int64) -> InferenceProverError {
        switch segment.source {
        case let .clamp(layer, _, _):
            return .quotientOutsideClampDomain(layer: layer, quotient: first, bits: ProofParameters.quotientBits)
        case let .poolDifference(layer, _, _, _), let .activation(layer, _, _):
            return .inconsistentWitness(layer: layer, reason: "(\(first), \(second)) is not in table \(kind.name)")
        case let .remainderLimb(column):
            return .inconsistentWitness(layer: -1, reason: "limb \(column) value \(first) outside \(kind.name)")
        }
    }

    static func entries(
        of segment: LookupSegment, plan: CircuitPlan,
        tensors: [Int: [Int64]], columns: [WitnessColumn: [Int64]]
    ) -> (first: [Int64], second: [Int64]) {
        let size = 1 << segment.logSize
        let zeros = [Int64](repeating: 0, count: size)
        switch segment.source {
        case let .clamp(_, quotient, output):
            return (columns[quotient]!, tensors[plan.roots[output]]!)
        case let .remainderLimb(column):
            return (columns[column]!, zeros)
        case let .poolDifference(_, output, input, offset):
            let outputValues = tensors[plan.roots[output]]!, inputValues = tensors[input]!
            let outputLayout = plan.layouts[plan.roots[output]], inputLayout = plan.layouts[input]
            let differences = (0..<size).map { index in
                outputValues[index] - inputValues[PoolingWindow.inputIndex(index, offset: offset, output: outputLayout, input: inputLayout)]
            }
            return (differences, zeros)
        case let .activation(layer, input, output):
            let layout = plan.layouts[plan.roots[output]]
            guard case let .lookup(_, padding) = plan.layers[layer].step else { return (zeros, zeros) }
            let outputValues = tensors[plan.roots[output]]!
            let second = (0..<size).map { layout.isReal(paddedIndex: $0) ? outputValues[$0] : padding }
            return (tensors[input]!, second)
        }
    }

    /// The committed polynomial: every column at its placed offset.
    func polynomial(plan: CircuitPlan) -> DenseMultilinearPolynomial {
        var evaluations = [Fr](repeating: .zero, count: plan.witnessPlacement.size)
        for (index, column) in plan.columns.enumerated() {
            let offset = plan.witnessPlacement.offsets[index]
            for (position, value) in columns[column]!.enumerated() where value != 0 {
                evaluations[offset + position] = Fr(value)
            }
        }
        return DenseMultilinearPolynomial(evaluations: evaluations)
    }
}
