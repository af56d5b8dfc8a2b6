import ZKProof

/// What the circuit compiler knows while it compiles one layer: the layer, its input's layout,
/// the tensors laid out so far, and the lookup tables gathered so far. Each layer kind's
/// `compile` (in `Layers/<Kind>/`) reads it, registers the tables it needs through it, and
/// returns its step; a kind that relabels its input sets `outputLayout` to the input's.
struct LayerCompilation {
    let index: Int
    /// The layer by shapes: compiling a circuit never needs weight values.
    let layer: SkeletonLayer
    let batchSize: Int
    let weights: WeightsLayout
    /// Layout of the first input's storage.
    let inputLayout: TensorLayout
    /// Storage roots of the inputs.
    let inputRoots: [Int]
    /// The first input as the model sees it, batch first.
    let logicalInput: [Int]
    /// Layouts of the tensors laid out so far, by storage root.
    let layouts: [TensorLayout?]
    /// The output's layout: by default a fresh layout of the layer's output shape, batch first.
    var outputLayout: TensorLayout
    /// Every lookup table of the circuit so far; a table's index is its position.
    var tables: [LookupTableKind]

    func unsupported(_ reason: String) -> CircuitCompilationError {
        .unsupported(layer: index, name: layer.name, reason: reason)
    }

    /// The index of `kind` among the circuit's tables, added if new.
    mutating func table(_ kind: LookupTableKind) -> Int {
        if let index = tables.firstIndex(of: kind) { return index }
        tables.append(kind)
        return tables.count - 1
    }

    /// The proof's form of a rescale: multipliers per channel along `channelAxis` (or one,
    /// `uniform`), its shift aligned to whole range-table limbs, and its clamp and range tables.
    mutating func rescalePlan(_ rescale: Rescale, channelAxis: Int?, spannedAxes: Int = 1, uniform: Int64? = nil)
        throws(CircuitCompilationError) -> RescalePlan {
        guard rescale.lower <= 0, rescale.upper >= 0 else {
            throw unsupported("clamp range [\(rescale.lower), \(rescale.upper)] excludes 0, so padding would not stay zero")
        }
        guard (1...Rescale.maximumShift).contains(rescale.shift) else { throw unsupported("rescale shift \(rescale.shift)") }
        // Scale M and 2^S by the same 2^k so S becomes a whole number of limbs: q is
        // unchanged and every remainder limb is a full range-table entry.
        let bits = ProofParameters.rangeBits
        let aligned = (rescale.shift + bits - 1) / bits * bits
        let multipliers = (uniform.map { [$0] } ?? rescale.multipliers).map { $0 << (aligned - rescale.shift) }
        let plan = RescalePlan(
            multipliers: multipliers, channelAxis: uniform == nil ? channelAxis : nil, spannedAxes: spannedAxes,
            shift: aligned, lower: rescale.lower, upper: rescale.upper,
            clampTable: table(.clamp(lower: rescale.lower, upper: rescale.upper)),
            rangeTable: table(.range(bits: ProofParameters.rangeBits)))
        if plan.isUniform, plan.multipliers[0] == 0 { throw unsupported("zero rescale multiplier") }
        return plan
    }
}
