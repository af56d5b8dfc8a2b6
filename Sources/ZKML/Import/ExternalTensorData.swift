import Foundation

/// Reads the initializers an exporter stored beside the model (ONNX external data: PyTorch's
/// exporter writes `model.onnx.data` for larger models). A tensor names a `location` relative to
/// the model's folder, an `offset` and a `length`; the file must stay inside that folder (no
/// absolute path, no `..`, no symbolic link out of it), and the bytes must be exactly what the
/// tensor's shape and type need. Anything else is a `ModelImportError`, never a trap.
struct ExternalTensorData {
    /// The model's folder; nil when the model came without one (standard input, bytes).
    let directory: URL?

    /// The tensor with its external bytes moved into `raw_data`.
    func resolve(_ tensor: Onnx_TensorProto, byteCount: Int) throws(ModelImportError) -> Onnx_TensorProto {
        func refuse(_ reason: String) -> ModelImportError { .invalidTensor(tensor: tensor.name, reason: "external data: \(reason)") }
        guard let directory else {
            throw refuse("the weights are in a separate file, so give the model as a path (not standard input) with its data file beside it")
        }
        var entries = [String: String]()
        for entry in tensor.externalData { entries[entry.key] = entry.value }
        guard let location = entries["location"], !location.isEmpty else { throw refuse("no location") }
        let components = location.split(separator: "/", omittingEmptySubsequences: false)
        guard !location.hasPrefix("/"), !location.contains("\\"), !components.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw refuse("location '\(location)' must be a relative path inside the model's folder")
        }
        guard let offset = Int(entries["offset"] ?? "0"), offset >= 0 else { throw refuse("offset '\(entries["offset"] ?? "")' is not a byte offset") }
        if let length = entries["length"] {
            guard Int(length) == byteCount else { throw refuse("length \(length), but the shape and type need \(byteCount) bytes") }
        }
        let folder = directory.resolvingSymlinksInPath().standardizedFileURL
        let file = directory.appendingPathComponent(location).resolvingSymlinksInPath().standardizedFileURL
        guard file.path.hasPrefix(folder.path + "/") else { throw refuse("'\(location)' leads outside the model's folder") }
        guard let handle = try? FileHandle(forReadingFrom: file) else { throw refuse("cannot read '\(location)' beside the model") }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map { Int($0) } ?? -1
        guard offset <= size, byteCount <= size - offset else {
            throw refuse("'\(location)' has \(max(size, 0)) bytes; the tensor needs \(byteCount) from offset \(offset)")
        }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil, let bytes = try? handle.read(upToCount: byteCount),
              bytes.count == byteCount else {
            throw refuse("cannot read \(byteCount) bytes of '\(location)' from offset \(offset)")
        }
        var resolved = tensor
        resolved.rawData = bytes
        resolved.externalData = []
        resolved.clearDataLocation()
        return resolved
    }
}
