/// A point of BN254's G1 in affine coordinates: y² = x³ + 3 over F_q, or the identity.
///
/// The group has prime order r (the modulus of `Fr`) and cofactor 1, so every point on the curve
/// is in the group: checking the curve equation is the whole subgroup check. Scalars are `Fr`
/// elements. Values of this type are on the curve by construction: the public initialisers
/// check the equation, and arithmetic preserves it.
public struct G1Affine: Sendable, Hashable {
    public let x: Fq
    public let y: Fq
    /// True for the identity (x and y are then zero and carry no meaning).
    public let isIdentity: Bool

    /// The curve constant b = 3.
    @usableFromInline static let b = Fq(3)

    @inlinable
    init(unchecked x: Fq, _ y: Fq) {
        self.x = x; self.y = y; isIdentity = false
    }

    /// The point (x, y), or nil when it does not satisfy y² = x³ + 3.
    public init?(x: Fq, y: Fq) {
        guard Self.isOnCurve(x: x, y: y) else { return nil }
        self.init(unchecked: x, y)
    }

    public static let identity = G1Affine(identity: ())
    private init(identity: ()) { x = .zero; y = .zero; isIdentity = true }

    /// The conventional generator (1, 2).
    public static let generator = G1Affine(unchecked: Fq(1), Fq(2))

    @inlinable
    static func isOnCurve(x: Fq, y: Fq) -> Bool { y.squared() == x.squared() * x + b }

    /// The point with abscissa `x`, choosing the root of x³ + 3 by `largerRoot`; nil when x³ + 3 is
    /// not a square (no point has this abscissa).
    public init?(x: Fq, largerRoot: Bool) {
        guard var y = (x.squared() * x + Self.b).squareRoot() else { return nil }
        if y.isLargerRoot != largerRoot { y = -y }
        // y = 0 has no "larger" twin: asking for it names no point.
        guard y.isLargerRoot == largerRoot else { return nil }
        self.init(unchecked: x, y)
    }

    @inlinable
    public static prefix func - (point: G1Affine) -> G1Affine {
        point.isIdentity ? point : G1Affine(unchecked: point.x, -point.y)
    }

    @inlinable
    public var projective: G1Projective { G1Projective(self) }

    /// scalar · self by double-and-add with mixed additions (the point stays affine), cheaper
    /// than `G1Projective.multiplied(by:)`; not constant time (see there).
    public func multiplied(by scalar: Fr) -> G1Projective {
        G1Projective.doubleAndAdd(scalar) { $0.adding(self) }
    }
}
