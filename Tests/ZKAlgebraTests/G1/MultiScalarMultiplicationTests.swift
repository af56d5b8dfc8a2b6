import Testing
import ZKAlgebra
import ZKTestSupport

/// Pippenger against the naive twin at many sizes (windows of 3 to 16 bits, a partial top
/// window, the parallel split by windows and by points) and scalar widths.
@Test(arguments: [0, 1, 2, 3, 7, 31, 32, 33, 100, 257, 1_024, 1_500, 4_097])
func pippengerMatchesTheNaiveTwin(size: Int) {
    var generator = SeededGenerator(defaultSeed: 0x6d73_6d00 + UInt64(size))
    let g = G1Affine.generator.projective
    let points = G1Projective.batchAffine((0..<size).map { _ in g.multiplied(by: Fr.random(using: &generator)) })
    let full = (0..<size).map { _ in Fr.random(using: &generator) }
    let expected = MultiScalarMultiplication.naive(points, full)
    #expect(MultiScalarMultiplication.multiply(points, full) == expected, generator.comment("full width, parallel"))
    #expect(MultiScalarMultiplication.multiply(points, full, parallel: false) == expected, generator.comment("full width, serial"))

    // Small signed scalars of every width, including the extremes of each.
    for bits in [1, 2, 8, 9, 16, 17, 32, 62] {
        let bound = Int64(1) << (bits - 1)
        let small: [Int64] = (0..<size).map { index in
            switch index % 7 {
            case 0: return -bound
            case 1: return bound - 1
            default: return Int64(bitPattern: generator.next()) % bound
            }
        }
        let expected = MultiScalarMultiplication.naive(points, small.map { Fr($0) })
        #expect(MultiScalarMultiplication.multiply(points, smallScalars: small) == expected, generator.comment("int\(bits)"))
        #expect(MultiScalarMultiplication.multiply(points, smallScalars: small, parallel: false) == expected,
                generator.comment("int\(bits), serial"))
    }
    #expect(MultiScalarMultiplication.multiply(points, smallScalars: [Int64](repeating: 0, count: size)).isIdentity)
    #expect(MultiScalarMultiplication.multiply(points, [Fr](repeating: .zero, count: size)).isIdentity)
}

/// Scalars next to r and 2^254 stress the signed recoding's last carry.
@Test func pippengerHandlesExtremeScalars() {
    var generator = SeededGenerator(defaultSeed: 0x6d73_6d65_7874)
    let g = G1Affine.generator.projective
    let points = G1Projective.batchAffine((0..<64).map { _ in g.multiplied(by: Fr.random(using: &generator)) })
    let minusOne = Fr.zero - Fr.one
    let extremes: [Fr] = (0..<64).map { index in
        switch index % 4 {
        case 0: return minusOne
        case 1: return minusOne - Fr(UInt64(index))
        case 2: return Fr(BigInteger(1) << 253)
        default: return Fr((BigInteger(1) << 253) - 1)
        }
    }
    #expect(MultiScalarMultiplication.multiply(points, extremes) == MultiScalarMultiplication.naive(points, extremes))
}
