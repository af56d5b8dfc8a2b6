/// What a calibration set must be for int8 scales to mean anything, checked before quantizing:
/// samples of the model's input size, finite, and not all one value (an all-zero or constant set
/// gives every activation a range of 0 or of one input, so the scales are guesses).
enum CalibrationCheck {
    static func refuseUnusable(_ samples: [[Float]], inputCount: Int) throws(ModelImportError) {
        guard !samples.isEmpty else { throw .calibration("the calibration set is empty; give representative inputs") }
        for (index, sample) in samples.enumerated() {
            guard sample.count == inputCount else {
                throw .calibration("calibration sample \(index) has \(sample.count) values, the model input has \(inputCount)")
            }
            if let position = sample.firstIndex(where: { !$0.isFinite }) {
                throw .calibration("calibration sample \(index) has \(sample[position]) at position \(position); values must be finite")
            }
        }
        let first = samples[0].first ?? 0
        guard samples.contains(where: { sample in sample.contains { $0 != first } }) else {
            if first == 0 { throw .calibration("the calibration samples are all zero, so no activation has a range; give representative inputs") }
            throw .calibration("every calibration value is \(first), so no activation has a range; give representative inputs")
        }
    }

    static func warnings(_ samples: [[Float]]) -> [CalibrationWarning] {
        samples.count > 1 && samples.allSatisfy({ $0 == samples[0] }) ? [.identicalSamples(count: samples.count)] : []
    }
}

/// A doubt the calibration set leaves about the scales; `import` prints each one.
public enum CalibrationWarning: Sendable, Equatable, CustomStringConvertible {
    /// The tensor was 0 on every calibration sample: its scale is a default, not a measurement.
    case degenerateRange(tensor: String)
    /// Every sample is the same input: the ranges come from one input.
    case identicalSamples(count: Int)

    public var description: String {
        switch self {
        case let .degenerateRange(tensor):
            return "tensor '\(tensor)' is 0 on every calibration sample, so its int8 scale is a default (1/127), not a measured range"
        case let .identicalSamples(count):
            return "the \(count) calibration samples are identical, so every range comes from one input"
        }
    }
}
