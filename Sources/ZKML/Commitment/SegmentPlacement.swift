import ZKAlgebra

/// Packs power-of-two segments into one hypercube, largest first, so every segment's offset is a
/// multiple of its size: its variables are the low variables of the whole and the high variables
/// are fixed to the bits of `offset >> logSize`. Used for the weights polynomial, the witness
/// polynomial and the concatenated witness of every lookup.
public struct SegmentPlacement: Sendable, Equatable {
    /// Offsets in the order the sizes were given.
    public var offsets: [Int]
    public var logSizes: [Int]
    /// Variables of the whole (at least `minimumVariables`).
    public var variableCount: Int

    /// Ties keep the given order, so a canonical input order gives a canonical placement.
    public init(logSizes: [Int], minimumVariables: Int = 1) {
        let order = logSizes.indices.sorted { a, b in
            logSizes[a] != logSizes[b] ? logSizes[a] > logSizes[b] : a < b
        }
        var offsets = [Int](repeating: 0, count: logSizes.count)
        var offset = 0
        for index in order {
            offsets[index] = offset
            offset += 1 << logSizes[index]
        }
        var variables = minimumVariables
        while (1 << variables) < offset { variables += 1 }
        self.offsets = offsets
        self.logSizes = logSizes
        self.variableCount = variables
    }

    public var size: Int { 1 << variableCount }

    /// The point on the whole that corresponds to `point` on segment `index`.
    public func globalPoint<F: PrimeField>(_ point: [F], segment index: Int) -> [F] {
        Self.globalPoint(point, offset: offsets[index], logSize: logSizes[index], variableCount: variableCount)
    }

    public static func globalPoint<F: PrimeField>(_ point: [F], offset: Int, logSize: Int, variableCount: Int) -> [F] {
        precondition(point.count == logSize, "segment point has \(point.count) coordinates, expected \(logSize)")
        let block = offset >> logSize
        return point + (0..<(variableCount - logSize)).map { (block >> $0) & 1 == 1 ? F.one : F.zero }
    }

    /// eq(bits of segment `index`'s block, high coordinates of `point`): the weight of that
    /// segment in the whole's multilinear extension at `point`.
    public func selector(_ point: [Fr], segment index: Int) -> Fr {
        let logSize = logSizes[index]
        let block = offsets[index] >> logSize
        var product = Fr.one
        for k in logSize..<variableCount {
            let coordinate = point[k]
            product = product * ((block >> (k - logSize)) & 1 == 1 ? coordinate : Fr.one - coordinate)
        }
        return product
    }
}
