/// Decodes stored ONNX tensors (initializers, Constant nodes' values) into zkinfer's float32
/// tensors or int64 shape entries, checking shapes and data lengths, with external data resolved.
struct TensorDecoder {
    let externalData: ExternalTensorData

    /// One stored tensor (an initializer or a Constant node's value) as float32 values or int64
    /// shape entries, its shape and data length checked, external data resolved.
    func constant(_ stored: Onnx_TensorProto) throws(ModelImportError) -> ConstantValue {
        let shape = try Self.checkedShape(stored.dims, name: stored.name)
        let count = shape.reduce(1, *)
        var tensor = stored
        if stored.dataLocation == .external {
            let width = stored.dataType == 7 ? 8 : stored.dataType == 9 ? 1 : 4
            tensor = try externalData.resolve(stored, byteCount: width * count)
        }
        switch tensor.dataType {
        case 1:  // FLOAT
            let values = try elements(tensor.floatData.map(\.bitPattern), of: tensor, count: count, type: "float32")
                .map { Float(bitPattern: $0) }
            guard values.allSatisfy({ $0.isFinite }) else { throw .invalidTensor(tensor: tensor.name, reason: "contains NaN or infinity") }
            return .floats(Tensor(shape: shape, scalars: values))
        case 7:  // INT64
            return .integers(try elements(tensor.int64Data, of: tensor, count: count, type: "int64").map { Int(clamping: $0) })
        case 9:  // BOOL (Dropout's training_mode)
            let values = tensor.rawData.isEmpty ? tensor.int32Data.map { Float($0) } : tensor.rawData.map { Float($0) }
            guard values.count == count else { throw .invalidTensor(tensor: tensor.name, reason: "has \(values.count) values for shape \(shape)") }
            return .floats(Tensor(shape: shape, scalars: values))
        default:
            throw .invalidTensor(tensor: tensor.name, reason: "data type \(tensor.dataType) is not supported (float32 weights, int64 shapes)")
        }
    }

    /// The tensor's `count` values, from its typed field when present, else from `raw_data`
    /// (little-endian words); either way the length must match the shape.
    func elements<Word: FixedWidthInteger>(
        _ typed: [Word], of tensor: Onnx_TensorProto, count: Int, type: String
    ) throws(ModelImportError) -> [Word] {
        if !typed.isEmpty {
            guard typed.count == count else {
                throw .invalidTensor(tensor: tensor.name, reason: "has \(typed.count) values for \(count) elements")
            }
            return typed
        }
        let width = MemoryLayout<Word>.size
        guard tensor.rawData.count == width * count else {
            throw .invalidTensor(tensor: tensor.name, reason: "has \(tensor.rawData.count) raw bytes for \(count) \(type) values")
        }
        return tensor.rawData.withUnsafeBytes { raw in
            (0..<count).map { Word(littleEndian: raw.loadUnaligned(fromByteOffset: width * $0, as: Word.self)) }
        }
    }

    static func checkedShape(_ dims: [Int64], name: String) throws(ModelImportError) -> [Int] {
        let shape = dims.map { Int(clamping: $0) }
        guard shape.count <= 8, elementCount(of: shape, limit: ONNXImporter.maximumTensorElements) != nil else {
            throw .dimensionsTooLarge(tensor: name, shape: shape, limit: ONNXImporter.maximumTensorElements)
        }
        return shape
    }
}
