/// How a quantized network holds the parameters of its Dense and Conv layers: with their values
/// (`WeightValues`, the private model) or by shape alone (`WeightShapes`, the public circuit
/// skeleton).
///
/// It exists so that a circuit skeleton has no weight values at all: code that only has a
/// skeleton cannot read weights, rather than reading zeros. Code that needs only shapes (layout,
/// validation, encoding, summaries) is generic over the storage and asks it for them.
public protocol LayerParameterStorage: Sendable {
    /// A layer's weight tensor (or what stands for it).
    associatedtype Weights: Sendable, Equatable
    /// A layer's bias vector (or what stands for it).
    associatedtype Bias: Sendable, Equatable

    /// The shape of the weight tensor `weights` stands for.
    static func shape(of weights: Weights) -> [Int]
    /// The number of biases `bias` stands for.
    static func count(of bias: Bias) -> Int
}

/// Parameters with their values: int8 weight tensors and int32 biases. The storage of
/// `QuantizedModel`, the private model the prover runs and commits to.
public enum WeightValues: LayerParameterStorage {
    public typealias Weights = Tensor<Int8>
    public typealias Bias = [Int32]

    public static func shape(of weights: Tensor<Int8>) -> [Int] { weights.shape }
    public static func count(of bias: [Int32]) -> Int { bias.count }
}

/// Parameters by shape only: a weight tensor is its shape, a bias vector its length. The storage
/// of `ModelSkeleton`, the public circuit description, which must not (and cannot) carry values.
public enum WeightShapes: LayerParameterStorage {
    public typealias Weights = [Int]
    public typealias Bias = Int

    public static func shape(of weights: [Int]) -> [Int] { weights }
    public static func count(of bias: Int) -> Int { bias }
}
