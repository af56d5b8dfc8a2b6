/// How the quantized model compares with the float reference on a set of samples.
public struct AccuracyReport: Sendable, Equatable {
    public var sampleCount: Int
    /// Fraction of samples whose argmax agrees between float and dequantized quantized outputs.
    public var topOneAgreement: Double
    /// Largest |float − dequantized| over all outputs of all samples.
    public var maximumAbsoluteError: Double
    /// Label accuracy of the float and the quantized model, when labels are known.
    public var floatAccuracy: Double?
    public var quantizedAccuracy: Double?

    public init(graph: FloatGraph, model: QuantizedModel, samples: [[Float]], labels: [Int]? = nil) {
        var agreements = 0, floatCorrect = 0, quantizedCorrect = 0
        var maximumError = 0.0
        for (index, sample) in samples.enumerated() {
            let reference = graph.evaluate(sample).scalars
            let quantized = model.dequantizeOutput(model.infer(model.quantizeInput(sample)).output)
            let floatClass = argmax(reference), quantizedClass = argmax(quantized)
            if floatClass == quantizedClass { agreements += 1 }
            if let labels {
                if floatClass == labels[index] { floatCorrect += 1 }
                if quantizedClass == labels[index] { quantizedCorrect += 1 }
            }
            for (a, b) in zip(reference, quantized) { maximumError = max(maximumError, Double(abs(a - b))) }
        }
        let count = max(1, samples.count)
        sampleCount = samples.count
        topOneAgreement = Double(agreements) / Double(count)
        maximumAbsoluteError = maximumError
        floatAccuracy = labels.map { _ in Double(floatCorrect) / Double(count) }
        quantizedAccuracy = labels.map { _ in Double(quantizedCorrect) / Double(count) }
    }
}

/// Index of the largest value (the first on ties); 0 for an empty array.
public func argmax<T: Comparable>(_ values: [T]) -> Int {
    var best = 0
    for index in values.indices where values[index] > values[best] { best = index }
    return best
}
