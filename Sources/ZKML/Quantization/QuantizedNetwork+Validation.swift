import ZKProof

/// Structural checks that make a decoded (untrusted) model safe to run: every index, count and
/// shape the integer engine relies on is verified here, so inference never traps on a hostile
/// `.zkm` file.
extension QuantizedNetwork {
    public static var maximumLayerCount: Int { 4096 }
    public static var maximumTensorElements: Int { 1 << 26 }

    public func validate() throws(ModelFileError) {
        guard layers.count <= Self.maximumLayerCount else { throw .invalid("\(layers.count) layers exceed \(Self.maximumLayerCount)") }
        try Self.checkShape(inputShape, "input")
        guard inputScale.isFinite, inputScale > 0 else { throw .invalid("input scale \(inputScale) is not positive") }
        for (index, layer) in layers.enumerated() {
            try layer.validate(in: self, position: index)
        }
    }

    static func checkShape(_ shape: [Int], _ what: String) throws(ModelFileError) {
        guard !shape.isEmpty, shape.count <= 8, shape.allSatisfy({ $0 >= 1 }),
              elementCount(of: shape, limit: maximumTensorElements) != nil else {
            throw .invalid("\(what) shape \(shape) is empty or too large")
        }
    }
}

extension QuantizedNetworkLayer {
    func validate(in model: QuantizedNetwork<Storage>, position: Int) throws(ModelFileError) {
        func fail(_ reason: String) -> ModelFileError { .invalid("layer \(position) '\(name)' (\(operation.kindName)): \(reason)") }
        try QuantizedNetwork<Storage>.checkShape(outputShape, "layer \(position) output")
        guard outputScale.isFinite, outputScale > 0 else { throw fail("output scale \(outputScale) is not positive") }
        let expectedInputs: ClosedRange<Int> = {
            switch operation {
            case .add: return 2...2
            case .concat: return 2...ConcatLayer.maximumInputs
            default: return 1...1
            }
        }()
        guard expectedInputs.contains(inputs.count), inputs.allSatisfy({ $0 >= 0 && $0 <= position }) else {
            let count = expectedInputs.count == 1 ? "\(expectedInputs.lowerBound)" : "\(expectedInputs.lowerBound) to \(expectedInputs.upperBound)"
            throw fail("inputs \(inputs) must be \(count) earlier tensors")
        }
        let input = model.shape(ofTensor: inputs[0])
        let inputCount = input.reduce(1, *), outputCount = outputShape.reduce(1, *)

        switch operation {
        case let .dense(weightTensor, biasVector, rescale):
            let weights = Storage.shape(of: weightTensor), biasCount = Storage.count(of: biasVector)
            guard weights.count == 2, let width = weights.last, width > 0, inputCount % width == 0,
                  outputCount == inputCount / width * weights[0] else {
                throw fail("weights \(weights) do not map input \(input) to output \(outputShape)")
            }
            guard biasCount == weights[0] else { throw fail("\(biasCount) biases for \(weights[0]) outputs") }
            try rescale.validate(multiplierCount: weights[0], fail)
        case let .conv(weightTensor, biasVector, geometry, rescale):
            let weights = Storage.shape(of: weightTensor), biasCount = Storage.count(of: biasVector)
            guard weights.count == 4, input.count == 4, input[0] == 1, weights[1] == input[1],
                  weights[2] == geometry.kernelHeight, weights[3] == geometry.kernelWidth,
                  let size = geometry.outputSize(height: input[2], width: input[3]),
                  outputShape == [1, weights[0], size.height, size.width] else {
                throw fail("weights \(weights) and geometry do not map input \(input) to output \(outputShape)")
            }
            guard biasCount == weights[0] else { throw fail("\(biasCount) biases for \(weights[0]) channels") }
            try rescale.validate(multiplierCount: weights[0], fail)
        case let .groupedConv(weightTensor, biasVector, geometry, groups, rescale):
            let weights = Storage.shape(of: weightTensor), biasCount = Storage.count(of: biasVector)
            guard weights.count == 4, input.count == 4, input[0] == 1, groups >= 2, weights[0] % groups == 0,
                  weights[1] * groups == input[1], weights[2] == geometry.kernelHeight, weights[3] == geometry.kernelWidth,
                  let size = geometry.outputSize(height: input[2], width: input[3]),
                  outputShape == [1, weights[0], size.height, size.width] else {
                throw fail("weights \(weights), \(groups) groups and geometry do not map input \(input) to output \(outputShape)")
            }
            guard biasCount == weights[0] else { throw fail("\(biasCount) biases for \(weights[0]) channels") }
            try rescale.validate(multiplierCount: weights[0], fail)
        case let .maxPool(geometry):
            try checkPool(geometry, input, fail)
        case let .averagePool(geometry, rescale):
            try checkPool(geometry, input, fail)
            try rescale.validate(multiplierCount: geometry.kernelHeight * geometry.kernelWidth, fail)
        case let .globalAveragePool(rescale):
            guard input.count == 4, outputShape == [1, input[1], 1, 1] else { throw fail("input \(input), output \(outputShape)") }
            try rescale.validate(multiplierCount: 1, fail)
        case let .add(rescale):
            guard model.shape(ofTensor: inputs[1]) == input, outputShape == input else {
                throw fail("adds \(input) and \(model.shape(ofTensor: inputs[1])) into \(outputShape)")
            }
            try rescale.validate(multiplierCount: 2, fail)
        case let .concat(rescale):
            let shapes = inputs.map { model.shape(ofTensor: $0) }
            guard shapes.count >= 2, outputShape.count >= 2, shapes.allSatisfy({ shape in
                shape.count == outputShape.count && shape.indices.allSatisfy { $0 == 1 || shape[$0] == outputShape[$0] }
            }), shapes.reduce(0, { $0 + $1[1] }) == outputShape[1] else {
                throw fail("concatenates \(shapes) into \(outputShape)")
            }
            try rescale.validate(multiplierCount: outputShape[1], fail)
        case let .transpose(permutation):
            guard permutation.count == input.count, Set(permutation) == Set(input.indices), permutation.first == 0,
                  permutation.map({ input[$0] }) == outputShape else {
                throw fail("permutation \(permutation) does not map \(input) to \(outputShape)")
            }
        case let .channelSlice(start):
            guard input.count == outputShape.count, input.count >= 2, start >= 0, start + outputShape[1] <= input[1],
                  input.indices.allSatisfy({ $0 == 1 || input[$0] == outputShape[$0] }) else {
                throw fail("slice from channel \(start) of \(input) into \(outputShape)")
            }
        case let .lookup(table, _):
            guard table.count == 256, outputShape == input else { throw fail("table of \(table.count) entries, shapes \(input) → \(outputShape)") }
        case let .windows(geometry):
            guard input.count == 4, input[0] == 1, geometry.kernelHeight <= 64, geometry.kernelWidth <= 64,
                  WindowTiles(geometry).outputShape(input: input) == outputShape else {
                throw fail("window geometry does not map input \(input) to output \(outputShape)")
            }
        case .reshape:
            guard inputCount == outputCount else { throw fail("reshape of \(inputCount) values to \(outputShape)") }
        }
    }

    func checkPool(_ geometry: PoolGeometry, _ input: [Int], _ fail: (String) -> ModelFileError) throws(ModelFileError) {
        guard input.count == 4, input[0] == 1, geometry.kernelHeight <= 64, geometry.kernelWidth <= 64,
              geometry.padTop < geometry.kernelHeight, geometry.padBottom < geometry.kernelHeight,
              geometry.padLeft < geometry.kernelWidth, geometry.padRight < geometry.kernelWidth,
              let size = geometry.outputSize(height: input[2], width: input[3]),
              outputShape == [1, input[1], size.height, size.width] else {
            throw fail("pooling geometry does not map input \(input) to output \(outputShape)")
        }
    }
}

extension Rescale {
    /// Multipliers below 2^20 and accumulators below 2^42 (checked by construction of the layers'
    /// sizes) keep acc·M + 2^(S−1) inside int64.
    func validate(multiplierCount: Int, _ fail: (String) -> ModelFileError) throws(ModelFileError) {
        guard multipliers.count == multiplierCount else { throw fail("\(multipliers.count) multipliers, expected \(multiplierCount)") }
        guard multipliers.allSatisfy({ $0 >= 0 && $0 < 1 << 20 }) else { throw fail("a multiplier is outside [0, 2^20)") }
        guard (1...Rescale.maximumShift).contains(shift) else { throw fail("shift \(shift) outside 1…\(Rescale.maximumShift)") }
        guard -128 <= lower, lower <= upper, upper <= 127 else { throw fail("clamp [\(lower), \(upper)] outside int8") }
    }
}

/// Why a `.zkm` model, a circuit skeleton or a `.zkpub` descriptor was refused: malformed bytes,
/// or a well-formed model that breaks a rule.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    case decoding(String)
    case invalid(String)

    /// Runs a decoding step, reporting reader failures (`DecodingError`) as `.decoding`.
    static func decoding<T>(_ body: () throws -> T) throws(ModelFileError) -> T {
        do {
            return try body()
        } catch let error as ModelFileError {
            throw error
        } catch let error as ZKProof.DecodingError {
            throw .decoding(error.description)
        } catch {
            throw .decoding("\(error)")
        }
    }

    public var description: String {
        switch self {
        case let .decoding(reason): return "malformed model file: \(reason)"
        case let .invalid(reason): return "invalid model: \(reason)"
        }
    }
}
