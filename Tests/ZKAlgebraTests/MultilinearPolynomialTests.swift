import Testing
import ZKAlgebra
import ZKTestSupport

/// A random multilinear polynomial and a random point of the same dimension.
private func randomPolynomialAndPoint(
    variableCount: Int, using rng: inout SplitMix64
) -> (DenseMultilinearPolynomial, [Fr]) {
    let polynomial = DenseMultilinearPolynomial(evaluations: Fr.randomElements(1 << variableCount, using: &rng))
    return (polynomial, Fr.randomElements(variableCount, using: &rng))
}

@Test(arguments: 0...10)
func evaluateMatchesNaiveEvaluation(variableCount: Int) {
    let seed = 0x3117_0000 + UInt64(variableCount)
    var rng = SplitMix64(seed: seed)
    let (polynomial, point) = randomPolynomialAndPoint(variableCount: variableCount, using: &rng)
    #expect(polynomial.variableCount == variableCount)
    #expect(polynomial.evaluate(at: point) == polynomial.evaluateNaive(at: point), "seed \(seed)")
}

/// At 16 variables the folds and the equality table run in parallel chunks; both are compared
/// with the inner product ⟨P, eq(point, ·)⟩.
@Test func evaluateMatchesEqualityTableInnerProductOnLargeTables() {
    let seed: UInt64 = 0x3117_0100
    var rng = SplitMix64(seed: seed)
    let (polynomial, point) = randomPolynomialAndPoint(variableCount: 16, using: &rng)
    let weights = EqualityPolynomial.table(at: point)
    let innerProduct = zip(polynomial.evaluations, weights).reduce(Fr.zero) { $0 + $1.0 * $1.1 }
    #expect(polynomial.evaluate(at: point) == innerProduct, "seed \(seed)")

    var lowestFirst = polynomial
    for coordinate in point { lowestFirst.fixLowestVariable(coordinate) }
    #expect(lowestFirst.evaluations == [innerProduct], "seed \(seed)")
}

@Test(arguments: 1...8)
func fixingAVariableMatchesTheDefinition(variableCount: Int) {
    let seed = 0x3117_0200 + UInt64(variableCount)
    var rng = SplitMix64(seed: seed)
    let (polynomial, point) = randomPolynomialAndPoint(variableCount: variableCount, using: &rng)
    let r = Fr.random(using: &rng)
    let table = polynomial.evaluations
    let half = table.count / 2

    // P'(x_0…x_{n-2}) = (1 − r)·P(…, x_{n-1} = 0) + r·P(…, x_{n-1} = 1); x_{n-1} is the top bit.
    let high = polynomial.fixingHighestVariable(r)
    #expect(high.evaluations == (0..<half).map { (Fr.one - r) * table[$0] + r * table[$0 + half] }, "seed \(seed)")
    // x_0 is the lowest bit: it pairs entries 2i and 2i + 1.
    let low = polynomial.fixingLowestVariable(r)
    #expect(low.evaluations == (0..<half).map { (Fr.one - r) * table[2 * $0] + r * table[2 * $0 + 1] }, "seed \(seed)")

    // Binding a variable and evaluating the rest is evaluating with that coordinate set.
    let rest = Array(point.dropLast())
    #expect(high.evaluate(at: rest) == polynomial.evaluate(at: rest + [r]), "seed \(seed)")
    #expect(low.evaluate(at: rest) == polynomial.evaluate(at: [r] + rest), "seed \(seed)")

    // The mutating forms agree with the non-mutating ones.
    var mutated = polynomial
    mutated.fixHighestVariable(r)
    #expect(mutated == high, "seed \(seed)")
    mutated = polynomial
    mutated.fixLowestVariable(r)
    #expect(mutated == low, "seed \(seed)")
}

@Test(arguments: [1, 2, 5, 9])
func bindingEveryVariableInEitherOrderEqualsEvaluation(variableCount: Int) {
    let seed = 0x3117_0300 + UInt64(variableCount)
    var rng = SplitMix64(seed: seed)
    let (polynomial, point) = randomPolynomialAndPoint(variableCount: variableCount, using: &rng)
    let expected = polynomial.evaluate(at: point)

    var lowestFirst = polynomial  // binds point[0] first.
    for coordinate in point { lowestFirst.fixLowestVariable(coordinate) }
    var highestFirst = polynomial  // binds point[n − 1] first.
    for coordinate in point.reversed() { highestFirst.fixHighestVariable(coordinate) }

    #expect(lowestFirst.evaluations == [expected], "seed \(seed)")
    #expect(highestFirst.evaluations == [expected], "seed \(seed)")
    #expect(lowestFirst.variableCount == 0 && highestFirst.variableCount == 0)
}

/// The little-endian convention: `evaluations[i] = P(bit 0 of i, bit 1 of i, …)`.
@Test func booleanPointsReadTheTableLittleEndian() {
    var rng = SplitMix64(seed: 0x3117_0400)
    let polynomial = DenseMultilinearPolynomial(evaluations: Fr.randomElements(16, using: &rng))
    let zero = Fr.zero, one = Fr.one
    #expect(polynomial.evaluate(at: [one, one, zero, one]) == polynomial.evaluations[0b1011])
    #expect(polynomial.evaluate(at: [one, zero, zero, zero]) == polynomial.evaluations[1])
    #expect(polynomial.evaluate(at: [zero, zero, zero, one]) == polynomial.evaluations[8])
    for index in 0..<16 {
        let bits = (0..<4).map { (index >> $0) & 1 == 1 ? one : zero }
        #expect(polynomial.evaluate(at: bits) == polynomial.evaluations[index], "index \(index)")
        #expect(polynomial.evaluateNaive(at: bits) == polynomial.evaluations[index], "index \(index)")
    }
}

@Test func paddingFillsWithZerosUpToThePowerOfTwo() {
    let values = (1...5).map { Fr($0) }
    let padded = DenseMultilinearPolynomial(padding: values, variableCount: 3)
    #expect(padded.variableCount == 3)
    #expect(padded.evaluations == values + [.zero, .zero, .zero])
    #expect(padded.hypercubeSum == Fr(15))

    let exact = DenseMultilinearPolynomial(padding: values + [Fr(6), Fr(7), Fr(8)], variableCount: 3)
    #expect(exact.evaluations == (1...8).map { Fr($0) })
    #expect(DenseMultilinearPolynomial(padding: [], variableCount: 0).evaluations == [.zero])
    #expect(DenseMultilinearPolynomial(padding: [], variableCount: 2).evaluations == [Fr](repeating: .zero, count: 4))
    #expect(DenseMultilinearPolynomial(padding: [Fr(9)], variableCount: 0).evaluate(at: []) == Fr(9))
}

@Test(arguments: 0...10)
func equalityTableMatchesNaiveTable(variableCount: Int) {
    let seed = 0x3117_0500 + UInt64(variableCount)
    var rng = SplitMix64(seed: seed)
    let point = Fr.randomElements(variableCount, using: &rng)
    let table = EqualityPolynomial.table(at: point)
    #expect(firstDifference(table, EqualityPolynomial.tableNaive(at: point)) == nil, "seed \(seed)")
    // eq(point, ·) interpolates to 1 everywhere, so its hypercube sum is 1.
    #expect(table.reduce(.zero, +) == .one, "seed \(seed)")
    // Entry i is eq(point, bits(i)).
    for index in [0, table.count / 3, table.count - 1] {
        let bits = (0..<variableCount).map { (index >> $0) & 1 == 1 ? Fr.one : Fr.zero }
        #expect(table[index] == EqualityPolynomial.evaluate(point, bits), "seed \(seed), index \(index)")
    }
}

@Test func equalityPolynomialEvaluation() {
    let seed: UInt64 = 0x3117_0600
    var rng = SplitMix64(seed: seed)
    let a = Fr.randomElements(6, using: &rng), b = Fr.randomElements(6, using: &rng)
    // Π_k (a_k·b_k + (1 − a_k)(1 − b_k)), written out independently.
    let product = zip(a, b).reduce(Fr.one) { $0 * ($1.0 * $1.1 + (Fr.one - $1.0) * (Fr.one - $1.1)) }
    #expect(EqualityPolynomial.evaluate(a, b) == product, "seed \(seed)")
    #expect(EqualityPolynomial.evaluate(a, b) == EqualityPolynomial.evaluate(b, a), "seed \(seed)")
    // The multilinear extension of eq(a, ·) evaluated at b.
    let eqOfA = DenseMultilinearPolynomial(evaluations: EqualityPolynomial.table(at: a))
    #expect(eqOfA.evaluate(at: b) == product, "seed \(seed)")
    #expect(EqualityPolynomial.evaluate([], []) == .one)
    // On Boolean points eq is the indicator of equality.
    let zero = Fr.zero, one = Fr.one
    #expect(EqualityPolynomial.evaluate([one, zero, one], [one, zero, one]) == .one)
    #expect(EqualityPolynomial.evaluate([one, zero, one], [one, one, one]) == .zero)
}

@Test(arguments: 0...4)
func interpolationThroughIntegerNodesRecoversThePolynomial(degree: Int) {
    let seed = 0x3117_0700 + UInt64(degree)
    var rng = SplitMix64(seed: seed)
    let coefficients = Fr.randomElements(degree + 1, using: &rng)
    func p(_ x: Fr) -> Fr { coefficients.reversed().reduce(Fr.zero) { $0 * x + $1 } }
    let values = (0...degree).map { p(Fr($0)) }

    for x in Fr.randomElements(5, using: &rng) + (0...degree + 2).map({ Fr($0) }) + [-Fr.one] {
        #expect(UnivariateInterpolation.evaluate(evaluationsAtIntegers: values, at: x) == p(x), "seed \(seed), x = \(x)")
    }
    // Oversampled values (a degree-d polynomial given at d + 3 nodes) interpolate to the same.
    let oversampled = (0...degree + 2).map { p(Fr($0)) }
    let x = Fr.random(using: &rng)
    #expect(UnivariateInterpolation.evaluate(evaluationsAtIntegers: oversampled, at: x) == p(x), "seed \(seed)")
}

/// Points whose high coordinates are 0 or 1 (claims lifted from a segment) take the subcube fast
/// path of `evaluate`; it must agree with the naive sum everywhere.
@Test(arguments: [0, 1, 3, 5, 8])
func evaluationOnSubcubePointsMatchesNaive(booleanSuffix: Int) {
    var rng = SplitMix64(seed: UInt64(booleanSuffix))
    let polynomial = DenseMultilinearPolynomial(evaluations: Fr.randomElements(1 << 8, using: &rng))
    for trial in 0..<8 {
        var point = Fr.randomElements(8, using: &rng)
        for k in (8 - booleanSuffix)..<8 { point[k] = (trial >> (k % 3)) & 1 == 1 ? .one : .zero }
        #expect(polynomial.evaluate(at: point) == polynomial.evaluateNaive(at: point))
        let (prefix, block) = EqualityPolynomial.subcube(of: point)
        #expect(prefix <= 8 - booleanSuffix || booleanSuffix == 0)
        #expect(block < 1 << (8 - prefix))
    }
}
