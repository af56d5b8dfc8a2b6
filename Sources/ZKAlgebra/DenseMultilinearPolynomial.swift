/// A multilinear polynomial in `variableCount` variables, stored as its evaluations over the
/// Boolean hypercube.
///
/// Variable order (used everywhere in zkinfer): `evaluations[i] = P(x_0, …, x_{n-1})` where
/// `x_k` is bit k of i, little-endian. So `0b1011` is P(1, 1, 0, 1) and x_0 is the lowest bit.
/// Binding functions are named by the end they bind: `fixLowestVariable` binds x_0,
/// `fixHighestVariable` binds x_{n-1}.
public struct DenseMultilinearPolynomial: Sendable, Equatable {
    public private(set) var evaluations: [Fr]

    public var variableCount: Int { evaluations.count.trailingZeroBitCount }

    /// Precondition: the number of evaluations is a power of two.
    public init(evaluations: [Fr]) {
        precondition(!evaluations.isEmpty && evaluations.count & (evaluations.count - 1) == 0,
                     "a multilinear polynomial needs 2^n evaluations, got \(evaluations.count)")
        self.evaluations = evaluations
    }

    /// Pads `values` with zeros up to 2^variableCount evaluations.
    public init(padding values: [Fr], variableCount: Int) {
        precondition(values.count <= 1 << variableCount, "\(values.count) values exceed 2^\(variableCount)")
        var padded = values
        padded.append(contentsOf: repeatElement(.zero, count: (1 << variableCount) - values.count))
        self.init(evaluations: padded)
    }

    /// P(point) in O(2^n) by binding the highest variable repeatedly.
    /// Precondition: `point.count == variableCount`.
    /// When the high coordinates are Boolean only the selected subcube is read.
    public func evaluate(at point: [Fr]) -> Fr {
        precondition(point.count == variableCount, "point has \(point.count) coordinates, polynomial has \(variableCount) variables")
        let (prefixCount, block) = EqualityPolynomial.subcube(of: point)
        let start = block << prefixCount
        var table = Array(evaluations[start..<(start + (1 << prefixCount))])
        let point = Array(point[..<prefixCount])
        var length = table.count
        table.withUnsafeMutableBufferPointer { buffer in
            for coordinate in point.reversed() {
                length /= 2
                Self.foldHighHalf(buffer, half: length, challenge: coordinate)
            }
        }
        return table[0]
    }

    /// The naive twin: Σ_i P[i]·eq(point, bits(i)), each eq term a fresh product.
    package func evaluateNaive(at point: [Fr]) -> Fr {
        precondition(point.count == variableCount)
        var sum = Fr.zero
        for (index, value) in evaluations.enumerated() {
            var weight = Fr.one
            for (k, coordinate) in point.enumerated() {
                weight = weight * ((index >> k) & 1 == 1 ? coordinate : Fr.one - coordinate)
            }
            sum = sum + value * weight
        }
        return sum
    }

    /// Binds x_{n-1} := r: P'(x_0…x_{n-2}) = P(…, 0) + r·(P(…, 1) − P(…, 0)). In place, parallel.
    public mutating func fixHighestVariable(_ r: Fr) {
        precondition(variableCount >= 1, "no variable left to bind")
        let half = evaluations.count / 2
        evaluations.withUnsafeMutableBufferPointer { Self.foldHighHalf($0, half: half, challenge: r) }
        evaluations.removeLast(half)
    }

    public func fixingHighestVariable(_ r: Fr) -> Self {
        var copy = self
        copy.fixHighestVariable(r)
        return copy
    }

    /// Binds x_0 := r: pairs adjacent evaluations (2i, 2i+1).
    public mutating func fixLowestVariable(_ r: Fr) {
        precondition(variableCount >= 1, "no variable left to bind")
        let half = evaluations.count / 2
        var folded = [Fr](repeating: .zero, count: half)
        evaluations.withUnsafeBufferPointer { source in
            folded.withUnsafeMutableBufferPointer { target in
                Parallel.forEachChunk(count: half, minimumChunk: 1 << 13) { range in
                    for i in range {
                        let low = source[2 * i]
                        target[i] = low + r * (source[2 * i + 1] - low)
                    }
                }
            }
        }
        evaluations = folded
    }

    public func fixingLowestVariable(_ r: Fr) -> Self {
        var copy = self
        copy.fixLowestVariable(r)
        return copy
    }

    /// buffer[i] ← buffer[i] + r·(buffer[i + half] − buffer[i]) for i < half. Each index is read
    /// and written by one iteration only, so chunks may run concurrently.
    @inlinable
    public static func foldHighHalf(_ buffer: UnsafeMutableBufferPointer<Fr>, half: Int, challenge r: Fr) {
        Parallel.forEachChunk(count: half, minimumChunk: 1 << 13) { range in
            for i in range {
                let low = buffer[i]
                buffer[i] = low + r * (buffer[i + half] - low)
            }
        }
    }

    /// Σ over the hypercube.
    public var hypercubeSum: Fr { evaluations.reduce(.zero, +) }
}
