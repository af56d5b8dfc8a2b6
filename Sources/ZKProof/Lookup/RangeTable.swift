import ZKAlgebra

/// The lookup table {0, 1, …, 2^bitCount − 1}: entry j is j itself, so its multilinear extension
/// is Σ_k 2^k·x_k and the verifier evaluates it in O(bitCount).
public struct RangeTable: LookupTable, Equatable {
    public let bitCount: Int

    public init(bitCount: Int) {
        precondition((1...24).contains(bitCount), "range tables span 1…24 bits")
        self.bitCount = bitCount
    }

    public var identifier: [UInt8] { Array("range".utf8) + [UInt8(bitCount)] }

    public func entries(packing beta: Fr) -> [Fr] { (0..<size).map { Fr(UInt64($0)) } }

    public func evaluate(at point: [Fr], packing beta: Fr) -> Fr { evaluate(at: point) }

    /// The table's multilinear extension at `point` (little-endian variable order).
    public func evaluate(at point: [Fr]) -> Fr {
        precondition(point.count == bitCount)
        var result = Fr.zero
        var weight = Fr.one
        for coordinate in point {
            result = result + weight * coordinate
            weight = weight.doubled()
        }
        return result
    }

    /// How often each table entry occurs in `values`; nil when a value is outside the table.
    public func multiplicities(of values: [UInt64]) -> [UInt64]? {
        var counts = [UInt64](repeating: 0, count: size)
        for value in values {
            guard value < UInt64(size) else { return nil }
            counts[Int(value)] += 1
        }
        return counts
    }
}
