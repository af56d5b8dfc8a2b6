/// A dense tensor in row-major order. Shapes are static and small; `scalars.count` always equals
/// the product of `shape`.
public struct Tensor<Scalar: Sendable & Equatable>: Sendable, Equatable {
    public var shape: [Int]
    public var scalars: [Scalar]

    /// Precondition: `scalars.count` is the product of `shape` (trusted callers; importers check).
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == scalars.count,
                     "shape \(shape) does not hold \(scalars.count) scalars")
        self.shape = shape
        self.scalars = scalars
    }

    public init(shape: [Int], repeating value: Scalar) {
        self.init(shape: shape, scalars: [Scalar](repeating: value, count: shape.reduce(1, *)))
    }

    public var count: Int { scalars.count }
    public var rank: Int { shape.count }

    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }
}

/// Element count of a shape, or nil when it overflows or exceeds `limit` (memory-bomb guard for
/// untrusted shapes).
public func elementCount(of shape: [Int], limit: Int) -> Int? {
    var count = 1
    for dimension in shape {
        guard dimension >= 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
        guard !overflow, product <= limit else { return nil }
        count = product
    }
    return count
}
