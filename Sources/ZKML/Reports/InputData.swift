import Foundation

/// EZKL-compatible input JSON: `{"input_data": [[…floats…], …]}`, one row per sample, each row the
/// flattened (row-major) input tensor; an optional `labels` array for test sets.
public struct InputData: Sendable, Equatable, Codable {
    public static let maximumFileBytes = 512 << 20

    public var inputData: [[Float]]
    public var labels: [Int]?

    enum CodingKeys: String, CodingKey {
        case inputData = "input_data"
        case labels
    }

    public init(inputData: [[Float]], labels: [Int]? = nil) {
        self.inputData = inputData
        self.labels = labels
    }

    public static func load(contentsOf url: URL) throws(InputDataError) -> InputData {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let size = (attributes?[.size] as? Int) ?? 0
        guard size <= maximumFileBytes else { throw .tooLarge(path: url.path, bytes: size, limit: maximumFileBytes) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadable(path: url.path) }
        return try decode(data, source: url.lastPathComponent)
    }

    public static func decode(_ data: Data, source: String = "input") throws(InputDataError) -> InputData {
        guard data.count <= maximumFileBytes else { throw .tooLarge(path: source, bytes: data.count, limit: maximumFileBytes) }
        do {
            let decoded = try JSONDecoder().decode(InputData.self, from: data)
            guard !decoded.inputData.isEmpty else { throw InputDataError.invalid(source: source, reason: "input_data is empty") }
            if let labels = decoded.labels, labels.count != decoded.inputData.count {
                throw InputDataError.invalid(source: source, reason: "\(labels.count) labels for \(decoded.inputData.count) samples")
            }
            for (index, row) in decoded.inputData.enumerated() where row.contains(where: { !$0.isFinite }) {
                throw InputDataError.invalid(source: source, reason: "sample \(index) contains a non-finite value")
            }
            return decoded
        } catch let error as InputDataError {
            throw error
        } catch {
            throw .invalid(source: source, reason: "expected {\"input_data\": [[numbers…], …]}: \(error)")
        }
    }

    /// Throws unless every sample has `count` values.
    public func checkSampleSize(_ count: Int, source: String = "input") throws(InputDataError) {
        for (index, row) in inputData.enumerated() where row.count != count {
            throw .invalid(source: source, reason: "sample \(index) has \(row.count) values, the model input has \(count)")
        }
    }
}

/// Why an input or calibration samples file was refused.
public enum InputDataError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case invalid(source: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path): return "cannot read \(path)"
        case let .tooLarge(path, bytes, limit): return "\(path) is \(bytes) bytes, above the limit of \(limit)"
        case let .invalid(source, reason): return "\(source): \(reason)"
        }
    }
}
