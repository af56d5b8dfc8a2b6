import ZKAlgebra

/// "P(point) = value" for some multilinear P known from context: what a protocol step leaves
/// behind for a later step or for the polynomial commitment to discharge.
public struct EvaluationClaim: Sendable, Equatable {
    public var point: [Fr]
    public var value: Fr

    public init(point: [Fr], value: Fr) {
        self.point = point
        self.value = value
    }
}
