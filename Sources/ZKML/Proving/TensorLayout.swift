import ZKAlgebra

/// How a tensor sits on the hypercube: every dimension padded to a power of two, row-major, so
/// the last dimension takes the lowest variables. Entries outside the real shape are zero; every
/// layer relation keeps them zero, so consumers never need to mask their inputs.
public struct TensorLayout: Sendable, Equatable {
    /// Real dimensions, batch first.
    public let shape: [Int]
    public let paddedShape: [Int]
    /// log2 of each padded dimension.
    public let dimensionBits: [Int]

    public init(shape: [Int]) {
        self.shape = shape
        paddedShape = shape.map { dimension in
            var power = 1
            while power < dimension { power <<= 1 }
            return power
        }
        dimensionBits = paddedShape.map(\.trailingZeroBitCount)
    }

    public var variableCount: Int { dimensionBits.reduce(0, +) }
    public var size: Int { 1 << variableCount }
    public var realCount: Int { shape.reduce(1, *) }

    /// First variable of dimension `axis` (the last axis starts at variable 0).
    public func firstVariable(ofAxis axis: Int) -> Int {
        dimensionBits[(axis + 1)...].reduce(0, +)
    }

    /// The coordinates of `point` that belong to dimension `axis`.
    public func coordinates<T>(_ point: [T], axis: Int) -> [T] {
        let start = firstVariable(ofAxis: axis)
        return Array(point[start..<(start + dimensionBits[axis])])
    }

    /// Position in the padded layout of the element at row-major `index` of `shape`.
    public func paddedIndex(_ index: Int) -> Int {
        var remaining = index
        var result = 0
        var step = 1
        for axis in shape.indices.reversed() {
            result += (remaining % shape[axis]) * step
            remaining /= shape[axis]
            step *= paddedShape[axis]
        }
        return result
    }

    /// The values at their padded positions, zeros elsewhere.
    public func embed<T: BinaryInteger>(_ values: [T], padding: Int64 = 0) -> [Int64] {
        precondition(values.count == realCount, "\(values.count) values for shape \(shape)")
        var result = [Int64](repeating: padding, count: size)
        if paddedShape == shape {
            for (index, value) in values.enumerated() { result[index] = Int64(value) }
        } else {
            for (index, value) in values.enumerated() { result[paddedIndex(index)] = Int64(value) }
        }
        return result
    }

    /// The multilinear extension, at `point`, of the indicator of the real entries: a product over
    /// dimensions of Σ_{k < n_d} eq(point_d, k), O(Σ padded dimensions).
    public func realIndicator(at point: [Fr], skippingAxes skipped: Set<Int> = []) -> Fr {
        var product = Fr.one
        for axis in shape.indices where !skipped.contains(axis) && shape[axis] != paddedShape[axis] {
            let eq = EqualityPolynomial.table(at: coordinates(point, axis: axis))
            product = product * eq[..<shape[axis]].reduce(Fr.zero, +)
        }
        return product
    }
}

extension TensorLayout {
    /// Coordinates of padded position `index`, one per axis.
    public func coordinates(ofPaddedIndex index: Int) -> [Int] {
        var result = [Int](repeating: 0, count: shape.count)
        var remaining = index
        for axis in shape.indices.reversed() {
            result[axis] = remaining & (paddedShape[axis] - 1)
            remaining >>= dimensionBits[axis]
        }
        return result
    }

    /// True when padded position `index` holds a real element.
    public func isReal(paddedIndex index: Int) -> Bool {
        var remaining = index
        for axis in shape.indices.reversed() {
            guard remaining & (paddedShape[axis] - 1) < shape[axis] else { return false }
            remaining >>= dimensionBits[axis]
        }
        return true
    }
}
