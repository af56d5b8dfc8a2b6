import Foundation
import ZKProof

/// The `.zkm` model file and the circuit skeleton: one versioned, canonical binary encoding of a
/// quantized network, with its weights (`QuantizedModel`) or without (`ModelSkeleton`).
///
/// Layout (little-endian): "ZKM1" ‖ u16 version ‖ u8 flags ‖ shape(input) ‖
/// f64 inputScale ‖ u32 layerCount ‖ layers. A shape is u8 rank ‖ u32 dims; a string u32 length ‖
/// UTF-8; a layer: name ‖ u8 kind ‖ u8 inputCount ‖ u32 inputs ‖ shape(output) ‖ f64 scale ‖ payload.
/// Dense and Conv payloads start with their parameters: the int8 weight tensor (shape ‖ values)
/// and u32 count ‖ int32 biases, or in a skeleton the weight shape and the u32 bias count alone.
/// Flags: bit 0 = trailing Softmax dropped; bit 1 = weights omitted (a circuit skeleton).
/// Decoding caps every count before allocating, rejects trailing bytes, and then runs `validate()`.
extension QuantizedNetwork {
    public static var fileMagic: [UInt8] { Array("ZKM1".utf8) }
    public static var fileVersion: UInt16 { 1 }

    static var droppedSoftmaxFlag: UInt8 { 1 }
    static var weightsOmittedFlag: UInt8 { 2 }

    /// The network's bytes, each Dense/Conv parameter pair written by `writeParameters`;
    /// `weightsOmitted` is flag bit 1.
    func encoded(weightsOmitted: Bool, writeParameters: (Storage.Weights, Storage.Bias, inout ByteWriter) -> Void) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.fileMagic)
        writer.write(Self.fileVersion)
        writer.write((droppedTrailingSoftmax ? Self.droppedSoftmaxFlag : 0) | (weightsOmitted ? Self.weightsOmittedFlag : 0))
        writer.writeShape(inputShape)
        writer.write(inputScale.bitPattern)
        writer.write(UInt32(layers.count))
        for layer in layers { layer.encode(into: &writer, writeParameters: writeParameters) }
        return writer.bytes
    }

    /// Decodes the form whose flag bit 1 is `weightsOmitted` (rejecting the other), each
    /// Dense/Conv parameter pair read by `readParameters`, then validates the result.
    init(
        decoding bytes: [UInt8], weightsOmitted expected: Bool,
        readParameters: (inout ByteReader, String) throws -> (Storage.Weights, Storage.Bias)
    ) throws(ModelFileError) {
        self = try ModelFileError.decoding {
            var reader = ByteReader(bytes)
            let magic = try reader.readRaw(4, "magic")
            guard magic == Self.fileMagic else { throw ModelFileError.decoding("not a zkinfer model file (bad magic)") }
            let version = try reader.readUInt16("version")
            guard version == Self.fileVersion else {
                throw ModelFileError.decoding("model file version \(version); this build reads version \(Self.fileVersion)")
            }
            let flags = try reader.readUInt8("flags")
            guard flags & ~(Self.droppedSoftmaxFlag | Self.weightsOmittedFlag) == 0 else {
                throw ModelFileError.decoding("flags 0x\(String(flags, radix: 16)) set unknown bits")
            }
            guard (flags & Self.weightsOmittedFlag != 0) == expected else {
                throw ModelFileError.decoding(expected
                    ? "this file holds weights; a circuit description must not"
                    : "this file is a circuit description without weights; a .zkm model is needed")
            }
            let inputShape = try reader.readShape("input shape")
            let inputScale = Double(bitPattern: try reader.readUInt64("input scale"))
            let layerCount = try reader.readCount("layer count", limit: Self.maximumLayerCount)
            var layers = [QuantizedNetworkLayer<Storage>]()
            for index in 0..<layerCount {
                layers.append(try QuantizedNetworkLayer(decoding: &reader, position: index, readParameters: readParameters))
            }
            try reader.finish()
            return QuantizedNetwork(inputShape: inputShape, inputScale: inputScale, layers: layers,
                                    droppedTrailingSoftmax: flags & Self.droppedSoftmaxFlag != 0)
        }
        try validate()
    }
}

extension QuantizedModel {
    /// The `.zkm` bytes of the model, with its weights.
    public func encoded() -> [UInt8] {
        encoded(weightsOmitted: false) { weights, bias, writer in
            writer.writeInt8Tensor(weights)
            writer.writeInt32s(bias)
        }
    }

    /// Decodes a `.zkm` model (weights included); rejects circuit skeletons.
    public init(decoding bytes: [UInt8]) throws(ModelFileError) {
        try self.init(decoding: bytes, weightsOmitted: false) { reader, what in
            (try reader.readInt8Tensor("\(what) weights"), try reader.readInt32s("\(what) bias"))
        }
    }
}

extension ModelSkeleton {
    /// The skeleton bytes a circuit is identified by: the `.zkm` encoding with flag bit 1 set,
    /// each weight tensor as its shape and each bias vector as its u32 length.
    public func encoded() -> [UInt8] {
        encoded(weightsOmitted: true) { shape, biasCount, writer in
            writer.writeShape(shape)
            writer.write(UInt32(biasCount))
        }
    }

    /// Decodes an untrusted circuit skeleton; rejects a `.zkm` model (which holds weights).
    public init(decoding bytes: [UInt8]) throws(ModelFileError) {
        // The weight tensors a skeleton claims are capped in total, as a model's are by its size:
        // the weights layout, its commitment and every proof against the circuit grow with them.
        var budget = Self.maximumTensorElements
        try self.init(decoding: bytes, weightsOmitted: true) { reader, what in
            try reader.readParameterShapes(what, budget: &budget)
        }
    }
}

/// The `.zkm` kind byte of a layer.
private enum LayerKindTag: UInt8 { case dense = 1, conv, maxPool, averagePool, globalAveragePool, add, lookup, reshape, windows, groupedConv, concat, channelSlice, transpose }

extension QuantizedNetworkLayer {
    func encode(into writer: inout ByteWriter, writeParameters: (Storage.Weights, Storage.Bias, inout ByteWriter) -> Void) {
        writer.write(string: name)
        let kind: LayerKindTag
        switch operation {
        case .dense: kind = .dense
        case .conv: kind = .conv
        case .groupedConv: kind = .groupedConv
        case .maxPool: kind = .maxPool
        case .averagePool: kind = .averagePool
        case .globalAveragePool: kind = .globalAveragePool
        case .add: kind = .add
        case .concat: kind = .concat
        case .channelSlice: kind = .channelSlice
        case .transpose: kind = .transpose
        case .lookup: kind = .lookup
        case .reshape: kind = .reshape
        case .windows: kind = .windows
        }
        writer.write(kind.rawValue)
        writer.write(UInt8(inputs.count))
        for input in inputs { writer.write(UInt32(input)) }
        writer.writeShape(outputShape)
        writer.write(outputScale.bitPattern)
        switch operation {
        case let .dense(weights, bias, rescale):
            writeParameters(weights, bias, &writer); writer.writeRescale(rescale)
        case let .conv(weights, bias, geometry, rescale):
            writeParameters(weights, bias, &writer)
            writer.writeGeometry(geometry); writer.writeRescale(rescale)
        case let .groupedConv(weights, bias, geometry, groups, rescale):
            writeParameters(weights, bias, &writer)
            writer.writeGeometry(geometry); writer.write(UInt32(groups)); writer.writeRescale(rescale)
        case let .maxPool(geometry), let .windows(geometry):
            writer.writeGeometry(geometry)
        case let .averagePool(geometry, rescale):
            writer.writeGeometry(geometry); writer.writeRescale(rescale)
        case let .globalAveragePool(rescale), let .add(rescale), let .concat(rescale):
            writer.writeRescale(rescale)
        case let .lookup(table, function):
            writer.write(string: function)
            writer.write(raw: table.map { UInt8(bitPattern: $0) })
        case .reshape:
            break
        case let .channelSlice(start):
            writer.write(UInt32(start))
        case let .transpose(permutation):
            writer.write(UInt8(permutation.count))
            for axis in permutation { writer.write(UInt8(axis)) }
        }
    }

    init(
        decoding reader: inout ByteReader, position: Int,
        readParameters: (inout ByteReader, String) throws -> (Storage.Weights, Storage.Bias)
    ) throws {
        name = try reader.readString("layer \(position) name")
        let tag = try reader.readUInt8("layer \(position) kind")
        guard let kind = LayerKindTag(rawValue: tag) else { throw ModelFileError.decoding("layer \(position): unknown kind \(tag)") }
        let inputCount = Int(try reader.readUInt8("layer \(position) input count"))
        guard inputCount <= (kind == .concat ? ConcatLayer.maximumInputs : 2) else { throw ModelFileError.decoding("layer \(position): \(inputCount) inputs") }
        inputs = try (0..<inputCount).map { _ in Int(try reader.readUInt32("layer \(position) input")) }
        outputShape = try reader.readShape("layer \(position) output shape")
        outputScale = Double(bitPattern: try reader.readUInt64("layer \(position) scale"))
        switch kind {
        case .dense:
            let (weights, bias) = try readParameters(&reader, "layer \(position)")
            operation = .dense(weights: weights, bias: bias, rescale: try reader.readRescale())
        case .conv:
            let (weights, bias) = try readParameters(&reader, "layer \(position)")
            operation = .conv(weights: weights, bias: bias, geometry: try reader.readGeometry(), rescale: try reader.readRescale())
        case .groupedConv:
            let (weights, bias) = try readParameters(&reader, "layer \(position)")
            let geometry = try reader.readGeometry()
            let groups = Int(try reader.readUInt32("layer \(position) groups"))
            operation = .groupedConv(weights: weights, bias: bias, geometry: geometry, groups: groups, rescale: try reader.readRescale())
        case .maxPool:
            operation = .maxPool(try reader.readGeometry())
        case .averagePool:
            operation = .averagePool(try reader.readGeometry(), rescale: try reader.readRescale())
        case .globalAveragePool:
            operation = .globalAveragePool(rescale: try reader.readRescale())
        case .add:
            operation = .add(rescale: try reader.readRescale())
        case .concat:
            operation = .concat(rescale: try reader.readRescale())
        case .channelSlice:
            operation = .channelSlice(start: Int(try reader.readUInt32("layer \(position) slice start")))
        case .transpose:
            let rank = Int(try reader.readUInt8("layer \(position) rank"))
            guard rank <= 8 else { throw ModelFileError.decoding("layer \(position): a transpose of rank \(rank)") }
            operation = .transpose(permutation: try (0..<rank).map { _ in Int(try reader.readUInt8("layer \(position) axis")) })
        case .lookup:
            let function = try reader.readString("layer \(position) function")
            operation = .lookup(table: try reader.readRaw(256, "layer \(position) table").map { Int8(bitPattern: $0) }, function: function)
        case .reshape:
            operation = .reshape
        case .windows:
            operation = .windows(try reader.readGeometry())
        }
    }
}

extension ByteWriter {
    mutating func writeShape(_ shape: [Int]) {
        write(UInt8(shape.count))
        for dimension in shape { write(UInt32(dimension)) }
    }

    mutating func writeInt8Tensor(_ tensor: Tensor<Int8>) {
        writeShape(tensor.shape)
        write(raw: tensor.scalars.map { UInt8(bitPattern: $0) })
    }

    mutating func writeInt32s(_ values: [Int32]) {
        write(UInt32(values.count))
        for value in values { write(UInt32(bitPattern: value)) }
    }

    mutating func writeGeometry(_ g: PoolGeometry) {
        for value in [g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth, g.padTop, g.padLeft, g.padBottom, g.padRight] {
            write(UInt32(value))
        }
    }

    mutating func writeRescale(_ rescale: Rescale) {
        write(UInt32(rescale.multipliers.count))
        for multiplier in rescale.multipliers { write(UInt64(bitPattern: multiplier)) }
        write(UInt8(rescale.shift))
        write(UInt64(bitPattern: rescale.lower))
        write(UInt64(bitPattern: rescale.upper))
    }
}

extension ByteReader {
    static let maximumStringBytes = 4096

    /// A model-file string (at most 4 KiB of UTF-8), read with ZKProof's framing.
    mutating func readString(_ what: String) throws -> String {
        let text: String
        do throws(DecodingError) {
            text = try readString(what, limit: Self.maximumStringBytes)
        } catch {
            guard case let .invalidValue(_, _, reason) = error, reason == "not valid UTF-8" else { throw error }
            throw ModelFileError.decoding("\(what) is not UTF-8")
        }
        return text
    }

    mutating func readShape(_ what: String) throws -> [Int] {
        let rank = Int(try readUInt8("\(what) rank"))
        guard rank >= 1, rank <= 8 else { throw ModelFileError.decoding("\(what) has rank \(rank)") }
        let shape = try (0..<rank).map { _ in Int(try readUInt32(what)) }
        guard elementCount(of: shape, limit: QuantizedModel.maximumTensorElements) != nil else {
            throw ModelFileError.decoding("\(what) \(shape) exceeds \(QuantizedModel.maximumTensorElements) elements")
        }
        return shape
    }

    mutating func readInt8Tensor(_ what: String) throws -> Tensor<Int8> {
        let shape = try readShape(what)
        let count = shape.reduce(1, *)
        guard count <= remaining else { throw DecodingError.truncated(what: what, offset: offset, needed: count, available: remaining) }
        return Tensor(shape: shape, scalars: try readRaw(count, what).map { Int8(bitPattern: $0) })
    }

    /// A skeleton's weight shape and bias count, charged to `budget` (the elements left for all
    /// of its weight tensors and biases).
    mutating func readParameterShapes(_ what: String, budget: inout Int) throws -> ([Int], Int) {
        let shape = try readShape("\(what) weight shape")
        let biasCount = try readCount("\(what) bias count", limit: shape[0])
        let elements = shape.reduce(1, *) + biasCount
        guard elements <= budget else {
            throw ModelFileError.decoding("\(what): the circuit's weight tensors exceed \(QuantizedModel.maximumTensorElements) elements in all")
        }
        budget -= elements
        return (shape, biasCount)
    }

    mutating func readInt32s(_ what: String) throws -> [Int32] {
        let count = try readCount(what, limit: remaining / 4)
        return try (0..<count).map { _ in Int32(bitPattern: try readUInt32(what)) }
    }

    mutating func readGeometry() throws -> PoolGeometry {
        let v = try (0..<8).map { _ in Int(try readUInt32("pool geometry")) }
        guard v.allSatisfy({ $0 <= 4096 }) else { throw ModelFileError.decoding("pool geometry \(v) out of range") }
        return PoolGeometry(kernel: (v[0], v[1]), strides: (v[2], v[3]), pads: (v[4], v[5], v[6], v[7]))
    }

    mutating func readRescale() throws -> Rescale {
        let count = try readCount("multiplier count", limit: remaining / 8)
        let multipliers = try (0..<count).map { _ in Int64(bitPattern: try readUInt64("multiplier")) }
        let shift = Int(try readUInt8("shift"))
        let lower = Int64(bitPattern: try readUInt64("clamp lower"))
        let upper = Int64(bitPattern: try readUInt64("clamp upper"))
        return Rescale(multipliers: multipliers, shift: shift, lower: lower, upper: upper)
    }
}
