import ZKAlgebra

extension PrimeField {
    /// `count` uniformly random elements drawn from `generator`, in order.
    @inlinable
    public static func randomElements(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Self] {
        (0..<count).map { _ in random(using: &generator) }
    }
}
