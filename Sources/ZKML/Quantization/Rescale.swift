/// The integer rescale: a real multiplier m is represented as M·2^−S, and an
/// accumulator becomes q = floor((acc·M + 2^(S−1)) / 2^S), out = clamp(q, lower, upper).
///
/// Precision: every layer uses one shift S for all of its multipliers, chosen so the largest
/// M is below 2^15 (`multiplierBits`): the largest multiplier keeps a relative error ≤ 2^−14 and
/// S stays small (the remainder acc·M + 2^(S−1) − q·2^S has S bits, which the prover range-checks).
public struct Rescale: Sendable, Equatable {
    public static let multiplierBits = 15
    public static let maximumShift = 40

    public var multipliers: [Int64]
    public var shift: Int
    public var lower: Int64
    public var upper: Int64

    public init(multipliers: [Int64], shift: Int, lower: Int64, upper: Int64) {
        self.multipliers = multipliers
        self.shift = shift
        self.lower = lower
        self.upper = upper
    }

    /// Represents `realMultipliers` with a shared shift. Multipliers must be positive and finite.
    public init(realMultipliers: [Double], lower: Int64, upper: Int64) {
        let largest = realMultipliers.max() ?? 1
        var shift = 1
        // Compare the rounded multiplier: m·2^(S+1) just below 2^15 would round up to 2^15.
        while shift < Self.maximumShift,
              (largest * Double(1 << (shift + 1))).rounded(.toNearestOrEven) < Double(1 << Self.multiplierBits) {
            shift += 1
        }
        let scale = Double(Int64(1) << shift)
        self.init(
            multipliers: realMultipliers.map { Swift.max(0, Int64(($0 * scale).rounded(.toNearestOrEven))) },
            shift: shift, lower: lower, upper: upper)
    }

    /// The quotient before clamping and the clamped output.
    @inlinable
    public func apply(_ accumulator: Int64, multiplierIndex: Int) -> (quotient: Int64, output: Int64) {
        let quotient = (accumulator &* multipliers[multiplierIndex] &+ (Int64(1) << (shift - 1))) >> shift
        return (quotient, Swift.min(Swift.max(quotient, lower), upper))
    }

    /// Real value of multiplier `index` (for reports).
    public func realMultiplier(_ index: Int) -> Double {
        Double(multipliers[index]) / Double(Int64(1) << shift)
    }
}
