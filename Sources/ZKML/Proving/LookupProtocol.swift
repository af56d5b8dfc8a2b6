import ZKAlgebra
import ZKProof

/// One LogUp argument per table: every segment that looks into the table (from any layer) is
/// placed in one concatenated witness, the free tail holds copies of entry 0, and the lookup's
/// claim on that witness is split back into claims on the committed columns and tensors.
enum LookupProtocol {
    static func run<Role: ProofRole>(_ role: inout Role, table tableIndex: Int) throws(InferenceVerificationError) {
        let plan = role.plan
        let segments = plan.lookupSegments.indices.filter { plan.lookupSegments[$0].table == tableIndex }
        let placement = SegmentPlacement(logSizes: segments.map { plan.lookupSegments[$0].logSize })
        let first = plan.tables[tableIndex].firstEntry
        let packing = role.packing
        let padding = Fr(first.0) + packing * Fr(first.1)
        let result = try role.logUp(table: tableIndex, witnessVariables: placement.variableCount) { tables in
            var witness = [Fr](repeating: padding, count: placement.size)
            for (slot, segment) in segments.enumerated() {
                let entries = tables.witness.segmentEntries[segment]
                let offset = placement.offsets[slot]
                for index in entries.first.indices {
                    witness[offset + index] = Fr(entries.first[index]) + packing * Fr(entries.second[index])
                }
            }
            return witness
        }
        let point = result.witness.point
        var combined = CommittedValue(padding)
        for (slot, segment) in segments.enumerated() {
            let lookup = plan.lookupSegments[segment]
            let value = try segmentValue(&role, lookup, at: Array(point[..<lookup.logSize]))
            combined = combined + placement.selector(point, segment: slot) * (value - padding)
        }
        try role.require("lookup segments recombined", combined, equals: result.witness.value)
        role.recordColumn(.multiplicities(table: tableIndex), at: result.multiplicities.point, value: result.multiplicities.value)
    }

    /// The segment's looked-up value at `point`, from claims on what it is made of.
    static func segmentValue<Role: ProofRole>(
        _ role: inout Role, _ segment: LookupSegment, at point: [Fr]
    ) throws(InferenceVerificationError) -> CommittedValue {
        let plan = role.plan
        switch segment.source {
        case let .clamp(_, quotient, output):
            let q = try role.claimColumn(quotient, at: point)
            let out = try role.claimTensor(plan.roots[output], at: point)
            return q + role.packing * out
        case let .remainderLimb(column):
            return try role.claimColumn(column, at: point)
        case let .poolDifference(layer, output, input, offset):
            guard case let .maxPool(kernelBits, _) = plan.layers[layer].step else { return CommittedValue.zero }
            let out = try role.claimTensor(plan.roots[output], at: point)
            let inputPoint = PoolingWindow.inputPoint(point, output: plan.layouts[plan.roots[output]], kernelBits: kernelBits, offset: offset)
            return out - (try role.claimTensor(input, at: inputPoint))
        case let .activation(layer, input, output):
            guard case let .lookup(_, padding) = plan.layers[layer].step else { return CommittedValue.zero }
            let x = try role.claimTensor(input, at: point)
            let y = try role.claimTensor(plan.roots[output], at: point)
            let real = plan.layouts[plan.roots[output]].realIndicator(at: point)
            return x + role.packing * (y + (Fr.one - real) * Fr(padding))
        }
    }
}

extension LookupTableKind {
    /// Entry 0, which fills the unused tail of a lookup's witness.
    var firstEntry: (Int64, Int64) {
        switch self {
        case .range: return (0, 0)
        case let .clamp(lower, upper):
            let low = -(Int64(1) << (ProofParameters.quotientBits - 1))
            return (low, min(max(low, lower), upper))
        case let .activation(_, table): return (-128, Int64(table[0]))
        }
    }
}
