import ZKAlgebra
import ZKProof

/// The circuit compiler's output: a quantized model's skeleton turned into the relations the
/// prover proves, for one batch size. Everything here is a deterministic function of the
/// skeleton (bound by the circuit digest) and the protocol parameters, so prover and verifier
/// derive the same plan independently.
public struct CircuitPlan: Sendable {
    public let batchSize: Int
    /// Layout of every tensor's storage (aliases share their root's layout).
    public let layouts: [TensorLayout]
    /// Storage root of every tensor: Flatten/Reshape outputs are relabellings of their input.
    public let roots: [Int]
    public let inputRoot: Int
    public let outputRoot: Int
    public let layers: [LayerPlan]
    public let tables: [LookupTableKind]
    public let columns: [WitnessColumn]
    public let witnessPlacement: SegmentPlacement
    public let lookupSegments: [LookupSegment]
    public let weights: WeightsLayout

    public func isPublic(root: Int) -> Bool { root == inputRoot || root == outputRoot }

    public func columnIndex(_ column: WitnessColumn) -> Int? { columns.firstIndex(of: column) }
}

/// One witness column of the committed witness polynomial.
public enum WitnessColumn: Sendable, Hashable {
    /// An intermediate tensor (by storage root).
    case tensor(Int)
    /// Pre-clamp quotients of a rescaled layer.
    case quotient(layer: Int)
    /// Limb `limb` of a rescaled layer's division remainder.
    case remainderLimb(layer: Int, limb: Int)
    /// How often each entry of lookup table `table` is used.
    case multiplicities(table: Int)
}

/// A lookup table of the circuit: a range check, a clamp, or an int8 activation.
public enum LookupTableKind: Sendable, Equatable {
    case range(bits: Int)
    /// (q, clamp(q, lower, upper)) for q in [−2^(b−1), 2^(b−1)).
    case clamp(lower: Int64, upper: Int64)
    /// (x, table[x + 128]) for int8 x.
    case activation(function: String, table: [Int8])

    public var name: String {
        switch self {
        case let .range(bits): return "range\(bits)"
        case let .clamp(lower, upper): return "clamp[\(lower),\(upper)]"
        case let .activation(function, _): return "activation(\(function))"
        }
    }

    public var bitCount: Int {
        switch self {
        case let .range(bits): return bits
        case .clamp: return ProofParameters.quotientBits
        case .activation: return 8
        }
    }

    /// Index of the entry a (first, second) pair looks up, if it is an entry.
    public func entryIndex(_ first: Int64, _ second: Int64) -> Int? {
        switch self {
        case let .range(bits):
            return first >= 0 && first < (Int64(1) << bits) ? Int(first) : nil
        case let .clamp(lower, upper):
            let half = Int64(1) << (ProofParameters.quotientBits - 1)
            guard first >= -half, first < half, second == min(max(first, lower), upper) else { return nil }
            return Int(first + half)
        case let .activation(_, table):
            guard first >= -128, first <= 127, Int64(table[Int(first) + 128]) == second else { return nil }
            return Int(first + 128)
        }
    }

    public func makeTable() -> any LookupTable {
        switch self {
        case let .range(bits):
            return RangeTable(bitCount: bits)
        case let .clamp(lower, upper):
            let half = Int64(1) << (ProofParameters.quotientBits - 1)
            let inputs = Array(-half..<half)
            return FunctionTable(name: name, inputs: inputs, outputs: inputs.map { min(max($0, lower), upper) })
        case let .activation(_, table):
            return FunctionTable(name: name, inputs: Array(-128...127), outputs: table.map { Int64($0) })
        }
    }
}

/// A rescale step (the integer rule of `Rescale`) over a layer's output: M·acc + 2^(S−1) = 2^S·q + rem with
/// rem range-checked in limbs and (q, out) looked up in the clamp table.
public struct RescalePlan: Sendable, Equatable {
    public init(multipliers: [Int64], channelAxis: Int?, spannedAxes: Int = 1, shift: Int, lower: Int64, upper: Int64,
                clampTable: Int, rangeTable: Int) {
        self.multipliers = multipliers
        self.channelAxis = channelAxis
        self.spannedAxes = spannedAxes
        self.shift = shift
        self.lower = lower
        self.upper = upper
        self.clampTable = clampTable
        self.rangeTable = rangeTable
    }

    /// One multiplier per channel along `channelAxis`, or a single one for the whole tensor;
    /// scaled with `shift` so the shift is limb-aligned (same quotients as the model's M, S).
    /// With `spannedAxes` > 1 there is one multiplier per element of the axes `channelAxis`,
    /// `channelAxis + 1`, … in row-major order (an average pool's per-position divisors).
    public var multipliers: [Int64]
    public var channelAxis: Int?
    public var spannedAxes: Int
    public var shift: Int
    public var lower: Int64
    public var upper: Int64
    public var clampTable: Int
    public var rangeTable: Int

    /// The remainder's limbs: `shift` is a multiple of the range table's width (the compiler
    /// aligns it), so every limb is a full table entry. A narrower top limb checked as
    /// limb·2^k ∈ table would not do: 2^-k·j mod p passes too.
    public var limbCount: Int { shift / ProofParameters.rangeBits }

    public var isUniform: Bool { channelAxis == nil }

    /// M at padded position `index` of `layout`.
    public func multiplier(atPaddedIndex index: Int, layout: TensorLayout) -> Int64 {
        guard let axis = channelAxis else { return multipliers[0] }
        var position = 0
        for spanned in axis..<(axis + spannedAxes) {
            let coordinate = (index >> layout.firstVariable(ofAxis: spanned)) & (layout.paddedShape[spanned] - 1)
            guard coordinate < layout.shape[spanned] else { return 0 }
            position = position * layout.shape[spanned] + coordinate
        }
        return position < multipliers.count ? multipliers[position] : 0
    }

    /// The multilinear extension of the multiplier tensor at `point` (constant along other axes):
    /// the spanned axes' variables are contiguous, so one eq table over them weighs every real
    /// element at its padded position.
    public func multiplierExtension(at point: [Fr], layout: TensorLayout) -> Fr {
        guard let axis = channelAxis else { return Fr(multipliers[0]) }
        let last = axis + spannedAxes - 1
        let start = layout.firstVariable(ofAxis: last)
        let eq = EqualityPolynomial.table(at: Array(point[start..<(layout.firstVariable(ofAxis: axis) + layout.dimensionBits[axis])]))
        var sum = Fr.zero
        for (position, multiplier) in multipliers.enumerated() {
            var remaining = position, padded = 0
            for spanned in (axis...last).reversed() {
                padded += (remaining % layout.shape[spanned]) << (layout.firstVariable(ofAxis: spanned) - start)
                remaining /= layout.shape[spanned]
            }
            sum = sum + eq[padded] * Fr(multiplier)
        }
        return sum
    }
}

/// One layer as the protocol proves it: its step (the kind's relation and its parameters), and
/// the storage roots of its inputs and output.
public struct LayerPlan: Sendable {
    /// What the layer proves, with the layouts and witness columns its protocol reads.
    public enum Step: Sendable {
        case dense(weights: WeightsLayout.Segment, bias: WeightsLayout.Segment, rescale: RescalePlan)
        case conv(weights: WeightsLayout.Segment, bias: WeightsLayout.Segment, geometry: PoolGeometry, rescale: RescalePlan)
        case groupedConv(weights: WeightsLayout.Segment, bias: WeightsLayout.Segment, geometry: PoolGeometry, groups: Int, rescale: RescalePlan)
        case maxPool(kernelBits: (Int, Int), rangeTable: Int)
        case averagePool(kernelBits: (Int, Int), rescale: RescalePlan)
        case windowSum(geometry: PoolGeometry, rescale: RescalePlan)
        case globalAveragePool(rescale: RescalePlan)
        case add(left: Int64, right: Int64, rescale: RescalePlan)
        case concat(rescale: RescalePlan)
        case channelSlice(start: Int)
        case transpose(permutation: [Int])
        case lookup(table: Int, paddingOutput: Int64)
        case windows(geometry: PoolGeometry)
        case alias
    }

    public let index: Int
    public let name: String
    public let kind: String
    public let step: Step
    public let inputRoots: [Int]
    public let outputRoot: Int

    public var rescale: RescalePlan? {
        switch step {
        case let .dense(_, _, rescale), let .conv(_, _, _, rescale), let .groupedConv(_, _, _, _, rescale), let .averagePool(_, rescale),
             let .windowSum(_, rescale), let .globalAveragePool(rescale), let .add(_, _, rescale), let .concat(rescale):
            return rescale
        default:
            return nil
        }
    }
}

/// A slice of one lookup's concatenated witness: which committed values it looks up.
public struct LookupSegment: Sendable {
    /// Which witness columns a lookup segment takes its looked-up values from.
    public enum Source: Sendable {
        /// (q, out) of a rescaled layer.
        case clamp(layer: Int, quotient: WitnessColumn, output: Int)
        /// One limb of a division remainder.
        case remainderLimb(column: WitnessColumn)
        /// out − in at window offset (dy, dx): non-negative for a max.
        case poolDifference(layer: Int, output: Int, input: Int, offset: (Int, Int))
        /// (x, y) of an activation; padding entries look up (0, table(0)).
        case activation(layer: Int, input: Int, output: Int)
    }

    public let table: Int
    public let logSize: Int
    public let source: Source
}

/// Why a circuit cannot be compiled: a layer the protocols cannot prove yet, a batch size out of
/// range, an empty model, or a witness beyond the size limit.
public enum CircuitCompilationError: Error, Equatable, CustomStringConvertible {
    case unsupported(layer: Int, name: String, reason: String)
    case invalidBatchSize(Int)
    case emptyModel
    case tooLarge(variables: Int, limit: Int)

    public var description: String {
        switch self {
        case let .unsupported(layer, name, reason): return "layer \(layer) (\(name)): not provable yet: \(reason)"
        case let .invalidBatchSize(size): return "batch size \(size) outside 1…\(ProofParameters.maximumBatchSize)"
        case .emptyModel: return "the model has no layer that computes anything"
        case let .tooLarge(variables, limit): return "the witness would need 2^\(variables) field elements (limit 2^\(limit))"
        }
    }
}
