import ZKAlgebra

/// Textbook affine chord-and-tangent arithmetic on y² = x³ + 3 over GMP integers: the naive,
/// independent twin of `G1Projective` (no Montgomery form, no Jacobian formulas, one modular
/// inversion per operation). nil is the identity.
enum G1Reference {
    typealias Point = (x: BigInteger, y: BigInteger)?

    static let q = Fq.modulus

    static func add(_ a: Point, _ b: Point) -> Point {
        guard let a else { return b }
        guard let b else { return a }
        let slope: BigInteger
        if a.x == b.x {
            guard a.y == b.y, a.y != 0 else { return nil }
            // Tangent: λ = 3x² / 2y.
            slope = (3 * a.x * a.x * (2 * a.y).inverse(modulus: q)!).modulo(q)
        } else {
            slope = ((b.y - a.y) * (b.x - a.x).modulo(q).inverse(modulus: q)!).modulo(q)
        }
        let x = (slope * slope - a.x - b.x).modulo(q)
        let y = (slope * (a.x - x) - a.y).modulo(q)
        return (x, y)
    }

    static func negate(_ a: Point) -> Point { a.map { ($0.x, ($0.y == 0 ? 0 : q - $0.y)) } }

    /// Double-and-add over a non-negative integer.
    static func multiply(_ a: Point, by scalar: BigInteger) -> Point {
        var result: Point = nil
        for bit in stride(from: scalar.bitWidth - 1, through: 0, by: -1) {
            result = add(result, result)
            if (scalar >> bit).modulo(2) == 1 { result = add(result, a) }
        }
        return result
    }

    /// A random point: random x until x³ + 3 is a square, root by t^((q+1)/4).
    static func randomPoint(using generator: inout some RandomNumberGenerator) -> Point {
        while true {
            let x = BigInteger.random(bits: 256, using: &generator).modulo(q)
            let t = (x * x * x + 3).modulo(q)
            let y = t.power((q + 1) / 4, modulus: q)
            if (y * y).modulo(q) == t { return (x, generator.next() % 2 == 0 ? y : (q - y).modulo(q)) }
        }
    }

    static func affine(_ point: Point) -> G1Affine {
        guard let point else { return .identity }
        return G1Affine(x: Fq(point.x), y: Fq(point.y))!
    }
}
