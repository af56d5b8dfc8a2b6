/// A point of BN254's G1 in Jacobian coordinates (X : Y : Z) standing for (X/Z², Y/Z³); Z = 0 is
/// the identity. Additions and doublings need no inversion, which is why sums are kept in this
/// form and converted to affine once at the end (`affine`, `batchAffine`).
///
/// Formulas for a = 0 curves from the Explicit-Formulas Database: dbl-2009-l, add-2007-bl,
/// madd-2007-bl. Each handles the identity and equal or opposite inputs explicitly.
public struct G1Projective: Sendable {
    public var x: Fq
    public var y: Fq
    public var z: Fq

    @inlinable
    public init(x: Fq, y: Fq, z: Fq) { self.x = x; self.y = y; self.z = z }

    @inlinable
    public init(_ point: G1Affine) {
        self = point.isIdentity ? .identity : G1Projective(x: point.x, y: point.y, z: .one)
    }

    @inlinable public static var identity: G1Projective { G1Projective(x: .one, y: .one, z: .zero) }
    @inlinable public var isIdentity: Bool { z.isZero }

    // MARK: Group law

    @inlinable
    public func doubled() -> G1Projective {
        if isIdentity { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let f = e.squared()
        let x3 = f - d.doubled()
        let c8 = c.doubled().doubled().doubled()
        let y3 = e * (d - x3) - c8
        let z3 = (y * z).doubled()
        return G1Projective(x: x3, y: y3, z: z3)
    }

    /// self + other with other in affine form (Z₂ = 1): the cheapest addition, used to fill buckets.
    @inlinable
    public func adding(_ other: G1Affine) -> G1Projective {
        if other.isIdentity { return self }
        if isIdentity { return G1Projective(other) }
        let z1z1 = z.squared()
        let u2 = other.x * z1z1
        let s2 = other.y * z * z1z1
        let h = u2 - x
        let r = (s2 - y).doubled()
        if h.isZero { return r.isZero ? doubled() : .identity }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let v = x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (y * j).doubled()
        let z3 = (z + h).squared() - z1z1 - hh
        return G1Projective(x: x3, y: y3, z: z3)
    }

    @inlinable
    public static func + (p: G1Projective, q: G1Projective) -> G1Projective {
        if p.isIdentity { return q }
        if q.isIdentity { return p }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        let h = u2 - u1
        let r = (s2 - s1).doubled()
        if h.isZero { return r.isZero ? p.doubled() : .identity }
        let i = h.doubled().squared()
        let j = h * i
        let v = u1 * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return G1Projective(x: x3, y: y3, z: z3)
    }

    @inlinable
    public static prefix func - (p: G1Projective) -> G1Projective { G1Projective(x: p.x, y: -p.y, z: p.z) }

    @inlinable
    public static func - (p: G1Projective, q: G1Projective) -> G1Projective { p + (-q) }

    @inlinable public static func += (p: inout G1Projective, q: G1Projective) { p = p + q }

    /// scalar · self by double-and-add over the scalar's standard bits (not constant time: the
    /// scalars zkinfer multiplies by are public or go through `MultiScalarMultiplication`).
    /// A method rather than a `*` overload, which would slow type checking of every field
    /// expression in client code.
    public func multiplied(by scalar: Fr) -> G1Projective {
        Self.doubleAndAdd(scalar) { $0 + self }
    }

    /// Double-and-add over the scalar's standard bits, most significant first, from its highest
    /// non-zero limb (a 128-bit challenge costs half a full scalar); `addPoint` adds the base
    /// point (Jacobian or mixed addition, as the caller's point allows).
    @inline(__always)
    static func doubleAndAdd(_ scalar: Fr, _ addPoint: (G1Projective) -> G1Projective) -> G1Projective {
        let limbs = scalar.standardLimbs
        var result = G1Projective.identity
        let words = [limbs.3, limbs.2, limbs.1, limbs.0]
        for word in words.drop(while: { $0 == 0 }) {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = result.doubled()
                if (word >> UInt64(bit)) & 1 == 1 { result = addPoint(result) }
            }
        }
        return result
    }

    // MARK: Conversion

    /// The affine form (one field inversion).
    public var affine: G1Affine {
        guard let zInverse = z.inverse else { return .identity }
        let zInverse2 = zInverse.squared()
        return G1Affine(unchecked: x * zInverse2, y * zInverse2 * zInverse)
    }

    /// Affine forms of many points with one inversion in total (Montgomery's batch inversion).
    public static func batchAffine(_ points: [G1Projective]) -> [G1Affine] {
        let inverses = Fq.batchInverted(points.map(\.z))
        return zip(points, inverses).map { point, zInverse in
            if point.isIdentity { return .identity }
            let zInverse2 = zInverse.squared()
            return G1Affine(unchecked: point.x * zInverse2, point.y * zInverse2 * zInverse)
        }
    }
}

extension G1Projective: Equatable {
    /// Equality of the points represented: X₁Z₂² = X₂Z₁² and Y₁Z₂³ = Y₂Z₁³.
    public static func == (p: G1Projective, q: G1Projective) -> Bool {
        if p.isIdentity || q.isIdentity { return p.isIdentity && q.isIdentity }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        return p.x * z2z2 == q.x * z1z1 && p.y * z2z2 * q.z == q.y * z1z1 * p.z
    }
}
