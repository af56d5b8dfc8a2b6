import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKTestSupport

/// The `.zkm` model file: canonical round trips, the documented byte layout, and rejection of
/// hostile files with a typed `ModelFileError` (untrusted input is an error, never a crash).
@Suite("The .zkm model file")
struct ModelFileTests {
    /// An independent writer of the layout documented in `QuantizedModel+Encoding.swift`
    /// (little-endian; shape = u8 rank ‖ u32 dims; string = u32 length ‖ UTF-8).
    struct LayoutWriter {
        var bytes: [UInt8] = []

        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u16(_ value: UInt16) { bytes += withUnsafeBytes(of: value.littleEndian, Array.init) }
        mutating func u32(_ value: UInt32) { bytes += withUnsafeBytes(of: value.littleEndian, Array.init) }
        mutating func u64(_ value: UInt64) { bytes += withUnsafeBytes(of: value.littleEndian, Array.init) }
        mutating func f64(_ value: Double) { u64(value.bitPattern) }
        mutating func string(_ value: String) { u32(UInt32(value.utf8.count)); bytes += Array(value.utf8) }
        mutating func shape(_ dimensions: [UInt32]) { u8(UInt8(dimensions.count)); dimensions.forEach { u32($0) } }

        mutating func header(inputShape: [UInt32], inputScale: Double, layerCount: UInt32,
                             magic: String = "ZKM1", version: UInt16 = 1, droppedSoftmax: UInt8 = 0) {
            bytes += Array(magic.utf8)
            u16(version)
            u8(droppedSoftmax)
            shape(inputShape)
            f64(inputScale)
            u32(layerCount)
        }

        mutating func layer(name: String, kind: UInt8, inputs: [UInt32], outputShape: [UInt32], scale: Double) {
            string(name)
            u8(kind)
            u8(UInt8(inputs.count))
            inputs.forEach { u32($0) }
            shape(outputShape)
            f64(scale)
        }

        mutating func rescale(_ multipliers: [Int64], shift: UInt8, lower: Int64, upper: Int64) {
            u32(UInt32(multipliers.count))
            multipliers.forEach { u64(UInt64(bitPattern: $0)) }
            u8(shift)
            u64(UInt64(bitPattern: lower))
            u64(UInt64(bitPattern: upper))
        }
    }

    /// input [1, 2] → Dense 3×2 (ReLU clamp) → Lookup → Reshape [3, 1] → Add of that with itself.
    static let handBuiltModel = QuantizedModel(
        inputShape: [1, 2], inputScale: 0.25,
        layers: [
            QuantizedLayer(name: "fc", operation: .dense(weights: Tensor(shape: [3, 2], scalars: [1, -2, 3, -4, 127, -127]),
                                                         bias: [-1, 0, 70000],
                                                         rescale: Rescale(multipliers: [3, 5, 7], shift: 4, lower: 0, upper: 127)),
                           inputs: [0], outputShape: [1, 3], outputScale: 0.5),
            QuantizedLayer(name: "act", operation: .lookup(table: (-128...127).map { Int8($0 / 2) }, function: "Half"),
                           inputs: [1], outputShape: [1, 3], outputScale: 0.5),
            QuantizedLayer(name: "col", operation: .reshape, inputs: [2], outputShape: [3, 1], outputScale: 0.5),
            QuantizedLayer(name: "sum", operation: .add(rescale: Rescale(multipliers: [2, 2], shift: 2, lower: -128, upper: 127)),
                           inputs: [3, 3], outputShape: [3, 1], outputScale: 0.5),
        ],
        droppedTrailingSoftmax: true)

    @Test("the encoding is exactly the documented layout")
    func documentedLayout() throws {
        var writer = LayoutWriter()
        writer.header(inputShape: [1, 2], inputScale: 0.25, layerCount: 4, droppedSoftmax: 1)
        writer.layer(name: "fc", kind: 1, inputs: [0], outputShape: [1, 3], scale: 0.5)
        writer.shape([3, 2]); writer.bytes += [1, 0xFE, 3, 0xFC, 127, 0x81]
        writer.u32(3); writer.u32(UInt32(bitPattern: -1)); writer.u32(0); writer.u32(70000)
        writer.rescale([3, 5, 7], shift: 4, lower: 0, upper: 127)
        writer.layer(name: "act", kind: 7, inputs: [1], outputShape: [1, 3], scale: 0.5)
        writer.string("Half"); writer.bytes += (-128...127).map { UInt8(bitPattern: Int8($0 / 2)) }
        writer.layer(name: "col", kind: 8, inputs: [2], outputShape: [3, 1], scale: 0.5)
        writer.layer(name: "sum", kind: 6, inputs: [3, 3], outputShape: [3, 1], scale: 0.5)
        writer.rescale([2, 2], shift: 2, lower: -128, upper: 127)

        #expect(Self.handBuiltModel.encoded() == writer.bytes)
        #expect(try QuantizedModel(decoding: writer.bytes) == Self.handBuiltModel)
        // And it runs: x = [4, -2] → acc = [1·4 − 2·−2 − 1, 3·4 − 4·−2, 127·4 − 127·−2 + 70000].
        let trace = Self.handBuiltModel.infer(Tensor(shape: [1, 2], scalars: [4, -2]))
        #expect(trace.witnesses[0].accumulators == [7, 20, 70762])
        // q = floor((acc·M + 8) / 16): 7·3 → 29/16 → 1; 20·5 → 108/16 → 6; 70762·7 → clamped at 127.
        #expect(trace.tensors[1].scalars == [1, 6, 127])
        #expect(trace.tensors[2].scalars == [0, 3, 63])
        #expect(trace.tensors[3].shape == [3, 1])
        // Add of a with itself at multipliers 2, 2 and shift 2: floor((2a + 2a + 2) / 4) = a.
        #expect(trace.witnesses[3].accumulators == [0, 12, 252])
        #expect(trace.output.scalars == [0, 3, 63])
    }

    @Test("encode → decode → encode is the identity for every zoo model", arguments: ZooModel.all)
    func roundTrip(_ zoo: ZooModel) throws {
        let model = try zoo.imported().model
        let bytes = model.encoded()
        let decoded = try QuantizedModel(decoding: bytes)
        #expect(decoded == model)
        #expect(decoded.encoded() == bytes)
        #expect(model.encoded() == bytes, "encoding is deterministic")
    }

    // MARK: Rejection of malformed bytes

    func decodingError(_ bytes: [UInt8], _ comment: Comment? = nil) -> ModelFileError? {
        #expect(throws: ModelFileError.self, comment) { try QuantizedModel(decoding: bytes) }
    }

    @Test("bad magic")
    func badMagic() throws {
        var bytes = try ZooModel(name: "digits_mlp_small").imported().model.encoded()
        bytes[0] = UInt8(ascii: "X")
        #expect(decodingError(bytes) == .decoding("not a zkinfer model file (bad magic)"))
        #expect(decodingError(Array("{\"input_data\": []}".utf8)) == .decoding("not a zkinfer model file (bad magic)"))
    }

    @Test("wrong version")
    func wrongVersion() throws {
        var bytes = try ZooModel(name: "digits_mlp_small").imported().model.encoded()
        bytes[4] = 2
        #expect(decodingError(bytes) == .decoding("model file version 2; this build reads version 1"))
        bytes[4] = 0; bytes[5] = 1
        #expect(decodingError(bytes) == .decoding("model file version 256; this build reads version 1"))
    }

    @Test("flags with unknown bits, or marking the weights as omitted")
    func badFlags() throws {
        var bytes = try ZooModel(name: "digits_mlp_small").imported().model.encoded()
        bytes[6] = 4
        #expect(decodingError(bytes) == .decoding("flags 0x4 set unknown bits"))
        bytes[6] = 2
        #expect(decodingError(bytes) == .decoding("this file is a circuit description without weights; a .zkm model is needed"))
    }

    @Test("truncation at every prefix length", arguments: ["digits_mlp_small", "digits_cnn"])
    func everyTruncation(_ name: String) throws {
        let bytes = try ZooModel(name: name).imported().model.encoded()
        var wrongCase = [Int]()
        for length in 0..<bytes.count {
            let error = decodingError(Array(bytes[..<length]), "\(name) truncated to \(length) of \(bytes.count) bytes")
            if case .decoding? = error {} else { wrongCase.append(length) }
        }
        #expect(wrongCase.isEmpty, "\(name): prefixes not rejected as malformed: \(wrongCase.prefix(10))")
    }

    @Test("one trailing byte")
    func trailingByte() throws {
        let bytes = try ZooModel(name: "digits_mlp_small").imported().model.encoded()
        let error = decodingError(bytes + [0])
        #expect(error == .decoding("1 unexpected trailing bytes after byte \(bytes.count)"))
    }

    @Test("absurd shapes and counts are rejected before anything is allocated")
    func memoryBombs() {
        // Input of 2^32 elements.
        var writer = LayoutWriter()
        writer.header(inputShape: [65536, 65536], inputScale: 1, layerCount: 0)
        guard case let .decoding(reason)? = decodingError(writer.bytes) else { Issue.record("input shape"); return }
        #expect(reason.contains("exceeds"), "\(reason)")

        // Eight dimensions of 2^32 − 1: the product overflows Int.
        writer = LayoutWriter()
        writer.header(inputShape: [UInt32](repeating: .max, count: 8), inputScale: 1, layerCount: 0)
        #expect(caseName(of: decodingError(writer.bytes)) == "decoding")

        // 2^32 − 1 layers.
        writer = LayoutWriter()
        writer.header(inputShape: [1, 4], inputScale: 1, layerCount: .max)
        guard case let .decoding(layers)? = decodingError(writer.bytes) else { Issue.record("layer count"); return }
        #expect(layers.contains("layer count") && layers.contains("limit"), "\(layers)")

        // A Dense weight of 2^26 elements (within the element limit) with no data behind it.
        writer = LayoutWriter()
        writer.header(inputShape: [1, 8192], inputScale: 1, layerCount: 1)
        writer.layer(name: "fc", kind: 1, inputs: [0], outputShape: [1, 8192], scale: 1)
        writer.shape([8192, 8192])
        guard case let .decoding(weights)? = decodingError(writer.bytes) else { Issue.record("weights"); return }
        #expect(weights.contains("truncated") && weights.contains("weights"), "\(weights)")

        // 2^32 − 1 biases, multipliers, name bytes.
        writer = LayoutWriter()
        writer.header(inputShape: [1, 2], inputScale: 1, layerCount: 1)
        writer.layer(name: "fc", kind: 1, inputs: [0], outputShape: [1, 1], scale: 1)
        writer.shape([1, 2]); writer.bytes += [1, 1]
        var biases = writer
        biases.u32(.max)
        #expect(caseName(of: decodingError(biases.bytes)) == "decoding")
        writer.u32(1); writer.u32(0)
        writer.u32(.max)
        #expect(caseName(of: decodingError(writer.bytes)) == "decoding")
        writer = LayoutWriter()
        writer.header(inputShape: [1, 2], inputScale: 1, layerCount: 1)
        writer.u32(.max)
        #expect(caseName(of: decodingError(writer.bytes)) == "decoding")

        // Rank 9 and rank 0 shapes.
        writer = LayoutWriter()
        writer.header(inputShape: [1, 1, 1, 1, 1, 1, 1, 1, 1], inputScale: 1, layerCount: 0)
        #expect(caseName(of: decodingError(writer.bytes)) == "decoding")
        writer = LayoutWriter()
        writer.header(inputShape: [], inputScale: 1, layerCount: 0)
        #expect(caseName(of: decodingError(writer.bytes)) == "decoding")
    }

    @Test("an unknown layer kind, a third input, a name that is not UTF-8")
    func malformedLayerHeaders() {
        for (kind, inputs) in [(UInt8(9), [UInt32(0)]), (0, [0]), (255, [0]), (1, [0, 0, 0])] {
            var writer = LayoutWriter()
            writer.header(inputShape: [1, 2], inputScale: 1, layerCount: 1)
            writer.layer(name: "x", kind: kind, inputs: inputs, outputShape: [1, 2], scale: 1)
            writer.bytes += [UInt8](repeating: 0, count: 64)
            #expect(caseName(of: decodingError(writer.bytes, "kind \(kind), inputs \(inputs)")) == "decoding")
        }
        var writer = LayoutWriter()
        writer.header(inputShape: [1, 2], inputScale: 1, layerCount: 1)
        writer.u32(2)
        let nameOffset = writer.bytes.count
        writer.bytes += [0xC3, 0x28]  // an invalid two-byte UTF-8 sequence
        writer.u8(8); writer.u8(1); writer.u32(0); writer.shape([2, 1]); writer.f64(1)
        #expect(decodingError(writer.bytes) == .decoding("layer 0 name is not UTF-8"))
        // The same layer with a valid name decodes.
        writer.bytes[nameOffset] = UInt8(ascii: "o")
        writer.bytes[nameOffset + 1] = UInt8(ascii: "k")
        #expect(throws: Never.self) { try QuantizedModel(decoding: writer.bytes) }
    }

    // MARK: Structurally invalid models (decoded fine, rejected by validation)

    /// Ways to break a valid model that the byte decoder cannot see, each with a fragment its
    /// error message must contain.
    enum Corruption: String, CaseIterable, CustomTestStringConvertible {
        case forwardInput, selfInput, negativeInputScale, nanOutputScale, biasCount, weightWidth
        case multiplierCount, multiplierTooLarge, negativeMultiplier, shiftZero, shiftTooLarge
        case lowerBelowInt8, upperAboveInt8, lowerAboveUpper, addOfDifferentShapes
        case poolPaddingAsLargeAsKernel, convGeometry, reshapeCount, zeroDimension

        var testDescription: String { rawValue }

        /// Base model: digits_mlp_small (Dense 64→32 with ReLU, Dense 32→10), or digits_cnn
        /// (Conv, MaxPool, Reshape, Dense) for the spatial cases.
        var baseModel: String {
            switch self {
            case .poolPaddingAsLargeAsKernel, .convGeometry, .reshapeCount: return "digits_cnn"
            default: return "digits_mlp_small"
            }
        }

        var expectedFragment: String {
            switch self {
            case .forwardInput, .selfInput: return "must be 1 earlier tensors"
            case .negativeInputScale: return "input scale"
            case .nanOutputScale: return "output scale"
            case .biasCount: return "33 biases for 32 outputs"
            case .weightWidth: return "do not map input"
            case .multiplierCount: return "31 multipliers, expected 32"
            case .multiplierTooLarge, .negativeMultiplier: return "outside [0, 2^20)"
            case .shiftZero: return "shift 0 outside"
            case .shiftTooLarge: return "shift 41 outside"
            case .lowerBelowInt8: return "clamp [-129, 127]"
            case .upperAboveInt8: return "clamp [0, 128]"
            case .lowerAboveUpper: return "clamp [5, 4]"
            case .addOfDifferentShapes: return "adds"
            case .poolPaddingAsLargeAsKernel: return "pooling geometry"
            case .convGeometry: return "geometry do not map"
            case .reshapeCount: return "reshape of"
            case .zeroDimension: return "empty or too large"
            }
        }

        func apply(to model: inout QuantizedModel) {
            func editRescale(_ layer: Int, _ edit: (inout Rescale) -> Void) {
                guard case .dense(let weights, let bias, var rescale) = model.layers[layer].operation else { return }
                edit(&rescale)
                model.layers[layer].operation = .dense(weights: weights, bias: bias, rescale: rescale)
            }
            switch self {
            case .forwardInput: model.layers[0].inputs = [2]
            case .selfInput: model.layers[1].inputs = [2]
            case .negativeInputScale: model.inputScale = -model.inputScale
            case .nanOutputScale: model.layers[1].outputScale = .nan
            case .biasCount:
                if case let .dense(weights, bias, rescale) = model.layers[0].operation {
                    model.layers[0].operation = .dense(weights: weights, bias: bias + [0], rescale: rescale)
                }
            case .weightWidth:
                if case let .dense(weights, bias, rescale) = model.layers[0].operation {
                    model.layers[0].operation = .dense(weights: Tensor(shape: [32, 63], scalars: Array(weights.scalars.prefix(32 * 63))),
                                                       bias: bias, rescale: rescale)
                }
            case .multiplierCount: editRescale(0) { $0.multipliers.removeLast() }
            case .multiplierTooLarge: editRescale(0) { $0.multipliers[3] = 1 << 20 }
            case .negativeMultiplier: editRescale(1) { $0.multipliers[0] = -1 }
            case .shiftZero: editRescale(0) { $0.shift = 0 }
            case .shiftTooLarge: editRescale(0) { $0.shift = 41 }
            case .lowerBelowInt8: editRescale(1) { $0.lower = -129 }
            case .upperAboveInt8: editRescale(0) { $0.upper = 128 }
            case .lowerAboveUpper: editRescale(0) { $0.lower = 5; $0.upper = 4 }
            case .addOfDifferentShapes:
                // Add of the 32-wide hidden layer and the 10 logits.
                model.layers.append(QuantizedLayer(name: "bad_add", operation: .add(rescale: Rescale(multipliers: [1, 1], shift: 1, lower: -128, upper: 127)),
                                                   inputs: [1, 2], outputShape: [1, 10], outputScale: 1))
            case .poolPaddingAsLargeAsKernel:
                if case var .maxPool(geometry) = model.layers[1].operation {
                    geometry.padTop = geometry.kernelHeight
                    model.layers[1].operation = .maxPool(geometry)
                }
            case .convGeometry:
                if case let .conv(weights, bias, geometry, rescale) = model.layers[0].operation {
                    var strided = geometry
                    strided.strideHeight += 1
                    model.layers[0].operation = .conv(weights: weights, bias: bias, geometry: strided, rescale: rescale)
                }
            case .reshapeCount: model.layers[2].outputShape[1] += 1
            case .zeroDimension: model.layers[1].outputShape = [0, 10]
            }
        }
    }

    @Test("validation rejects a structurally invalid model, both on decoding and when called", arguments: Corruption.allCases)
    func invalidModel(_ corruption: Corruption) throws {
        var model = try ZooModel(name: corruption.baseModel).imported().model
        try model.validate()
        corruption.apply(to: &model)
        let direct = #expect(throws: ModelFileError.self) { try model.validate() }
        guard case let .invalid(reason)? = direct else { Issue.record("got \(String(describing: direct))"); return }
        #expect(reason.contains(corruption.expectedFragment), "\(reason)")
        let decoded = decodingError(model.encoded(), "\(corruption)")
        #expect(decoded == direct, "decoding must run the same validation")
    }

    // MARK: Fuzzing

    @Test("2,000 random single-byte mutations: a valid runnable model or ModelFileError")
    func singleByteMutations() throws {
        var generator = SeededGenerator(defaultSeed: 0x5EED_0003)
        let original = try ZooModel(name: "digits_mlp_small").imported().model
        let bytes = original.encoded()
        var decoded = 0, rejected = 0
        for trial in 0..<2_000 {
            var mutated = bytes
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            mutated[position] ^= UInt8.random(in: 1...255, using: &generator)
            let model: QuantizedModel
            do {
                model = try QuantizedModel(decoding: mutated)
            } catch {
                rejected += 1
                continue
            }
            decoded += 1
            #expect(throws: Never.self, "\(generator.rerunHint) trial \(trial): byte \(position)") { try model.validate() }
            let trace = model.infer(Tensor(shape: model.inputShape, repeating: 0))
            #expect(trace.output.shape == model.outputShape, "\(generator.rerunHint) trial \(trial): byte \(position)")
            #expect(model != original, "\(generator.rerunHint) trial \(trial): byte \(position) changed nothing")
        }
        // Most bytes are weights (any value is a valid weight); headers and counts must reject.
        #expect(decoded > 0 && rejected > 0, "\(generator.rerunHint): \(decoded) decoded, \(rejected) rejected")
    }
}
