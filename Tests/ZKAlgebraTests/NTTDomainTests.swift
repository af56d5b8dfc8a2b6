import Testing
import ZKAlgebra
import ZKTestSupport

@Test(arguments: 0...8)
func forwardTransformMatchesNaiveEvaluation(logSize: Int) {
    let seed = 0x4E77_0000 + UInt64(logSize)
    var rng = SplitMix64(seed: seed)
    let domain = NTTDomain(logSize: logSize)
    let coefficients = Fr.randomElements(domain.size, using: &rng)
    var values = coefficients
    domain.forward(&values)
    #expect(firstDifference(values, domain.forwardNaive(coefficients)) == nil, "seed \(seed)")
}

/// Up to 2^17 so the parallel butterfly stages (2^16 butterflies and more) and the parallel
/// scaling of the inverse run too.
@Test(arguments: [0, 1, 2, 3, 5, 8, 11, 14, 16, 17])
func inverseTransformUndoesForward(logSize: Int) {
    let seed = 0x4E77_1000 + UInt64(logSize)
    var rng = SplitMix64(seed: seed)
    let domain = NTTDomain(logSize: logSize)
    let original = Fr.randomElements(domain.size, using: &rng)
    var values = original
    domain.forward(&values)
    domain.inverse(&values)
    #expect(firstDifference(values, original) == nil, "seed \(seed)")
    // And the other way round: evaluations → coefficients → evaluations.
    domain.inverse(&values)
    domain.forward(&values)
    #expect(firstDifference(values, original) == nil, "seed \(seed)")
}

@Test(arguments: [0, 1, 4, 10, 17])
func serialForwardTransformMatchesParallel(logSize: Int) {
    let seed = 0x4E77_2000 + UInt64(logSize)
    var rng = SplitMix64(seed: seed)
    let domain = NTTDomain(logSize: logSize)
    var parallel = Fr.randomElements(domain.size, using: &rng)
    var serial = parallel
    domain.forward(&parallel)
    serial.withUnsafeMutableBufferPointer { domain.forwardSerial($0) }
    #expect(firstDifference(serial, parallel) == nil, "seed \(seed)")
}

/// The Reed–Solomon encoder skips the butterfly stages that only copy a padded coefficient; it
/// must equal the plain transform of the zero-padded input, for every padding factor.
@Test(arguments: [(0, 0), (3, 0), (3, 1), (3, 3), (8, 3), (16, 3), (13, 5), (5, 5)])
func zeroPaddedForwardTransformMatchesPlainTransformOfThePaddedInput(logSize: Int, logPadding: Int) {
    let seed = 0x4E77_3000 + UInt64(logSize << 8 | logPadding)
    var rng = SplitMix64(seed: seed)
    let domain = NTTDomain(logSize: logSize)
    let coefficients = Fr.randomElements(domain.size >> logPadding, using: &rng)
    var expected = coefficients + [Fr](repeating: .zero, count: domain.size - coefficients.count)
    domain.forward(&expected)
    var encoded = [Fr](repeating: .zero, count: domain.size)
    coefficients.withUnsafeBufferPointer { source in
        encoded.withUnsafeMutableBufferPointer { domain.forwardZeroPadded(source, into: $0) }
    }
    #expect(firstDifference(encoded, expected) == nil, "seed \(seed)")
}

/// Domains are built up to 2^20 (a 2^28 domain would hold 4 GiB of twiddles); the largest
/// power-of-two subgroup, 2^28, is checked on the root of unity the domains derive theirs from.
@Test func domainGeneratorHasExactOrderTwoToTheLogSize() {
    #expect(NTTDomain.maximumLogSize == 28)
    for logSize in 0...20 {
        let domain = NTTDomain(logSize: logSize)
        #expect(domain.size == 1 << logSize && domain.logSize == logSize)
        expectExactOrder(domain.generator, logOrder: logSize)
    }
    let maximal = Fr.multiplicativeGenerator.power((Fr.modulus - 1) >> 28)
    expectExactOrder(maximal, logOrder: 28)
    #expect(maximal.power(UInt64(1) << 8) == NTTDomain(logSize: 20).generator)
}

/// ω has order exactly 2^k: ω^(2^k) = 1, and ω^(2^(k−1)) = −1 ≠ 1 when k > 0.
private func expectExactOrder(_ omega: Fr, logOrder k: Int) {
    #expect(omega.power(UInt64(1) << k) == .one, "order of \(omega) divides 2^\(k)")
    if k > 0 {
        #expect(omega.power(UInt64(1) << (k - 1)) == -Fr.one, "order of \(omega) is 2^\(k)")
    } else {
        #expect(omega == .one)
    }
}

/// A transform of a polynomial sampled at the root of unity: the constant polynomial maps to a
/// constant vector, and X maps to the successive powers of ω.
@Test func forwardTransformOfSimplePolynomials() {
    let domain = NTTDomain(logSize: 4)
    var constant = [Fr](repeating: .zero, count: 16)
    constant[0] = Fr(UInt64(7))
    domain.forward(&constant)
    #expect(constant == [Fr](repeating: Fr(UInt64(7)), count: 16))

    var identity = [Fr](repeating: .zero, count: 16)
    identity[1] = .one
    domain.forward(&identity)
    #expect(identity == (0..<16).map { domain.generator.power(UInt64($0)) })
}
