/// The multilinear equality polynomial eq(a, x) = Π_k (a_k·x_k + (1 − a_k)(1 − x_k)), which is 1
/// on x = a and 0 elsewhere on the hypercube; its table turns an evaluation at a point into a
/// weighted sum over the hypercube.
public enum EqualityPolynomial {
    /// eq(a, b) for two points of the same dimension.
    public static func evaluate(_ a: [Fr], _ b: [Fr]) -> Fr {
        precondition(a.count == b.count, "eq of points with \(a.count) and \(b.count) coordinates")
        var product = Fr.one
        for (x, y) in zip(a, b) {
            let xy = x * y
            product = product * (xy + xy + Fr.one - x - y)
        }
        return product
    }

    /// The table eq(point, bits(i)) for i in 0..<2^n (little-endian variable order), built in
    /// O(2^n) multiplications by doubling the table once per coordinate.
    public static func table(at point: [Fr]) -> [Fr] {
        var table = [Fr](repeating: .zero, count: 1 << point.count)
        table[0] = .one
        table.withUnsafeMutableBufferPointer { buffer in
            for (k, coordinate) in point.enumerated() {
                let filled = 1 << k
                Parallel.forEachChunk(count: filled, minimumChunk: 1 << 13) { range in
                    for i in range {
                        let high = buffer[i] * coordinate
                        buffer[i + filled] = high
                        buffer[i] = buffer[i] - high
                    }
                }
            }
        }
        return table
    }

    /// Splits a point whose high coordinates are all 0 or 1 (a point inside an aligned subcube,
    /// as segment claims lifted onto a larger polynomial are): eq(point, ·) vanishes outside the
    /// 2^prefixCount entries starting at `block << prefixCount`.
    public static func subcube(of point: [Fr]) -> (prefixCount: Int, block: Int) {
        var prefixCount = point.count
        var block = 0
        while prefixCount > 0 {
            let coordinate = point[prefixCount - 1]
            if coordinate == .one { block = block << 1 | 1 } else if coordinate.isZero { block <<= 1 } else { break }
            prefixCount -= 1
        }
        // Collected from the top coordinate down, so coordinate prefixCount + k is bit k.
        return (prefixCount, block)
    }

    /// Naive twin of `table`: each entry as an independent product.
    package static func tableNaive(at point: [Fr]) -> [Fr] {
        (0..<(1 << point.count)).map { index in
            var weight = Fr.one
            for (k, coordinate) in point.enumerated() {
                weight = weight * ((index >> k) & 1 == 1 ? coordinate : Fr.one - coordinate)
            }
            return weight
        }
    }
}
