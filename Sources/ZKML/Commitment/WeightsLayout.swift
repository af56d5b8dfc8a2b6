import ZKAlgebra

/// Where every weight and bias tensor lives inside the model's single committed multilinear
/// polynomial (one commitment per model, one batched opening for all claims on weights).
///
/// Each tensor is padded to power-of-two dimensions and stored row-major (last dimension fastest)
/// as a segment of 2^k entries. Segments are placed largest first, so every offset is a multiple
/// of the segment's size: the segment's k variables are the low variables of the committed
/// polynomial and the high variables are fixed to the bits of `offset >> k`. A claim W_seg(r) is
/// therefore the claim W(r ‖ bits(offset >> k)) on the committed polynomial (`globalPoint`).
/// Values are the signed integers embedded in the field (x ↦ x mod r).
public struct WeightsLayout: Sendable, Equatable {
    /// Whether a segment holds a layer's weight tensor or its biases.
    public enum Role: UInt8, Sendable, Equatable { case weights = 1, bias = 2 }

    /// One tensor's place in the weights polynomial: an aligned power-of-two block of evaluations.
    public struct Segment: Sendable, Equatable {
        public var layer: Int
        public var role: Role
        public var shape: [Int]
        public var paddedShape: [Int]
        public var offset: Int

        public var logSize: Int { paddedShape.reduce(0) { $0 + $1.trailingZeroBitCount } }
        public var size: Int { 1 << logSize }
    }

    public var segments: [Segment]
    /// Variables of the committed polynomial (at least 1).
    public var variableCount: Int

    /// Lays out every Dense/Conv weight tensor and bias vector of `model`, from their shapes (a
    /// model and its skeleton have the same layout). A Dense layer that reads a flattened tensor
    /// stores its weights as [outputs] + the unflattened feature shape, so the flatten is a pure
    /// relabelling that needs no layer in the circuit.
    public init<Storage>(model: QuantizedNetwork<Storage>) {
        var pending = [Segment]()
        for (index, layer) in model.layers.enumerated() {
            guard let (weights, biasCount) = layer.operation.parameterShapes else { continue }
            var shape = weights
            if case .dense = layer.operation {
                shape = [weights[0]] + Self.featureShape(readBy: layer, in: model, width: weights[1])
            }
            pending.append(Segment(layer: index, role: .weights, shape: shape,
                                   paddedShape: shape.map(Self.paddedDimension), offset: 0))
            pending.append(Segment(layer: index, role: .bias, shape: [biasCount],
                                   paddedShape: [Self.paddedDimension(biasCount)], offset: 0))
        }
        // Canonical order (layer, role), then largest first keeps every offset aligned.
        pending.sort { a, b in (a.layer, a.role.rawValue) < (b.layer, b.role.rawValue) }
        let placement = SegmentPlacement(logSizes: pending.map(\.logSize))
        for index in pending.indices { pending[index].offset = placement.offsets[index] }
        pending.sort { a, b in a.offset < b.offset }
        segments = pending
        variableCount = placement.variableCount
    }

    /// The shape after the row axes of the tensor a Dense layer reads, looking through
    /// Flatten/Reshape, when it holds exactly `width` features; otherwise [width].
    static func featureShape<Storage>(readBy layer: QuantizedNetworkLayer<Storage>, in model: QuantizedNetwork<Storage>,
                                      width: Int) -> [Int] {
        let root = model.storageRoot(ofTensor: layer.inputs[0])
        // Every output axis but the last is a row axis (the batch, and a MatMul's rows).
        let rowAxes = max(1, layer.outputShape.count - 1)
        let features = Array(model.shape(ofTensor: root).dropFirst(rowAxes))
        return features.reduce(1, *) == width && !features.isEmpty ? features : [width]
    }

    static func paddedDimension(_ n: Int) -> Int {
        var power = 1
        while power < n { power <<= 1 }
        return power
    }

    public func segment(layer: Int, role: Role) -> Segment? {
        segments.first { $0.layer == layer && $0.role == role }
    }

    /// The point on the committed polynomial that corresponds to `point` on `segment`.
    /// Precondition: `point.count == segment.logSize`.
    public func globalPoint<F: PrimeField>(_ point: [F], in segment: Segment) -> [F] {
        precondition(point.count == segment.logSize, "segment point has \(point.count) coordinates, expected \(segment.logSize)")
        let block = segment.offset >> segment.logSize
        return point + (0..<(variableCount - segment.logSize)).map { (block >> $0) & 1 == 1 ? F.one : F.zero }
    }

    /// The committed values: every segment's integers at their padded row-major positions, zeros
    /// elsewhere.
    public func values(of model: QuantizedModel) -> [Int64] {
        var values = [Int64](repeating: 0, count: 1 << variableCount)
        for segment in segments {
            let source: [Int64]
            switch (model.layers[segment.layer].operation, segment.role) {
            case let (.dense(weights, _, _), .weights), let (.conv(weights, _, _, _), .weights), let (.groupedConv(weights, _, _, _, _), .weights):
                source = weights.scalars.map { Int64($0) }
            case let (.dense(_, bias, _), .bias), let (.conv(_, bias, _, _), .bias), let (.groupedConv(_, bias, _, _, _), .bias):
                source = bias.map { Int64($0) }
            default:
                continue
            }
            for (index, value) in source.enumerated() {
                values[segment.offset + Self.paddedIndex(index, shape: segment.shape, padded: segment.paddedShape)] = value
            }
        }
        return values
    }

    /// Row-major index in the padded shape of the element at row-major `index` in `shape`.
    static func paddedIndex(_ index: Int, shape: [Int], padded: [Int]) -> Int {
        var remaining = index
        var result = 0
        var step = 1
        for axis in (0..<shape.count).reversed() {
            result += (remaining % shape[axis]) * step
            remaining /= shape[axis]
            step *= padded[axis]
        }
        return result
    }
}
