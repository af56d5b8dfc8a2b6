import Testing
import ZKAlgebra
import ZKTestSupport

/// Operands of one law check: three elements and four exponents (e1 + e2 and e3 · e4 fit 64 bits).
struct LawSample<F: PrimeField>: CustomStringConvertible {
    var a, b, c: F
    var e1, e2, e3, e4: UInt64

    var description: String { "a = \(a), b = \(b), c = \(c), e = (\(e1), \(e2), \(e3), \(e4))" }
}

/// The laws every `PrimeField` must satisfy, written once and run for every field (in the manner
/// of arkworks' `test-templates` and Plonky3's `field-testing`). Each law is checked on the edge
/// values and `sampleCount` random elements; a broken law reports its first counterexamples.
func checkFieldLaws<F: PrimeField>(_: F.Type, seed: UInt64, sampleCount: Int = 1000) {
    var rng = SplitMix64(seed: seed)
    let p = F.modulus
    let elements = F.edgeValues.map { F($0) } + F.randomElements(sampleCount, using: &rng)
    let samples = elements.indices.map { index in
        LawSample(a: elements[index], b: elements[(index * 7 + 3) % elements.count], c: elements[(index * 13 + 5) % elements.count],
                  e1: rng.next() >> 2, e2: rng.next() >> 2, e3: rng.next() >> 32, e4: rng.next() >> 32)
    }

    let laws: [(name: String, holds: (LawSample<F>) -> Bool)] = [
        ("a + b = b + a", { $0.a + $0.b == $0.b + $0.a }),
        ("a·b = b·a", { $0.a * $0.b == $0.b * $0.a }),
        ("(a + b) + c = a + (b + c)", { ($0.a + $0.b) + $0.c == $0.a + ($0.b + $0.c) }),
        ("(a·b)·c = a·(b·c)", { ($0.a * $0.b) * $0.c == $0.a * ($0.b * $0.c) }),
        ("a·(b + c) = a·b + a·c", { $0.a * ($0.b + $0.c) == $0.a * $0.b + $0.a * $0.c }),
        ("a + 0 = a, a·1 = a, a·0 = 0", { $0.a + .zero == $0.a && $0.a * .one == $0.a && $0.a * .zero == .zero }),
        ("a + (−a) = 0, −(−a) = a", { $0.a + (-$0.a) == .zero && -(-$0.a) == $0.a }),
        ("a − b = a + (−b), (a − b) + b = a", { $0.a - $0.b == $0.a + (-$0.b) && ($0.a - $0.b) + $0.b == $0.a }),
        ("a·a⁻¹ = 1, (a⁻¹)⁻¹ = a; only 0 has no inverse", { s in
            guard let inverse = s.a.inverse else { return s.a.isZero }
            return !s.a.isZero && s.a * inverse == .one && inverse.inverse == s.a
        }),
        ("squared() = a·a, doubled() = a + a", { $0.a.squared() == $0.a * $0.a && $0.a.doubled() == $0.a + $0.a }),
        ("square(), +=, −=, ·= agree with their operators", { s in
            var x = s.a
            x.square()
            var y = s.a
            y += s.b; y -= s.c; y *= s.b
            return x == s.a * s.a && y == (s.a + s.b - s.c) * s.b
        }),
        ("canonical encoding: 32 bytes LE of the value < p, decoding gives a back", { s in
            let bytes = s.a.canonicalBytes
            return bytes.count == F.byteCount && BigInteger(littleEndianBytes: bytes) == s.a.bigInteger
                && s.a.bigInteger < p && F(canonicalBytes: bytes) == s.a && F(s.a.bigInteger) == s.a
        }),
        ("description is the decimal value", { $0.a.description == $0.a.bigInteger.description }),
        ("a⁰ = 1, a¹ = a, a² = a·a", { $0.a.power(UInt64(0)) == .one && $0.a.power(UInt64(1)) == $0.a && $0.a.power(UInt64(2)) == $0.a * $0.a }),
        ("a^(e1 + e2) = a^e1 · a^e2", { $0.a.power($0.e1 + $0.e2) == $0.a.power($0.e1) * $0.a.power($0.e2) }),
        ("(a^e3)^e4 = a^(e3·e4)", { $0.a.power($0.e3).power($0.e4) == $0.a.power($0.e3 * $0.e4) }),
        ("a^e for a BigInteger e equals a^e for a word e", { $0.a.power(BigInteger($0.e1)) == $0.a.power($0.e1) }),
        ("Fermat: a^p = a, a^(p−1) = 1 for a ≠ 0", { $0.a.power(p) == $0.a && $0.a.power(p - 1) == ($0.a.isZero ? .zero : .one) }),
    ]
    for law in laws {
        expectEvery(samples, "\(F.self): \(law.name) (seed \(seed))", law.holds)
    }

    // The constants.
    #expect(F.zero.isZero && !F.one.isZero)
    #expect(F.zero.bigInteger == 0 && F.one.bigInteger == 1)
    #expect(-F.zero == F.zero && F.zero.inverse == nil)
    #expect(F(UInt64(0)) == .zero && F(UInt64(1)) == .one)
    #expect(F.zero.power(UInt64(0)) == .one, "0^0 = 1 by convention")

    // Batch inversion agrees with one-at-a-time inversion; zeros stay zero.
    var withZeros = F.randomElements(64, using: &rng)
    for position in [0, 1, 17, 63] { withZeros[position] = .zero }
    #expect(F.batchInverted(withZeros) == withZeros.map { $0.inverse ?? .zero }, "seed \(seed)")
    #expect(F.batchInverted([]) == [] && F.batchInverted([.zero, .zero]) == [.zero, .zero])
    var inPlace = withZeros
    F.batchInvert(&inPlace)
    #expect(inPlace == F.batchInverted(withZeros), "seed \(seed)")

    // Conversions from machine integers and big integers reduce modulo p.
    let small = rng.next()
    #expect(F(small).bigInteger == BigInteger(small), "seed \(seed)")
    #expect(F(Int64(-5)) == -F(UInt64(5)) && F(Int64.min) == -F(UInt64(1) << 63))
    #expect(F(p) == .zero && F(p + BigInteger(small)) == F(small) && F(-BigInteger(small)) == -F(small), "seed \(seed)")

    // Decoding rejects every non-canonical or mis-sized input.
    for rejected in [p, p + 1, BigInteger.powerOfTwo(256) - 1] {
        let words = rejected.littleEndianWords(count: 4) ?? []
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
        #expect(bytes.count == 32 && F(canonicalBytes: bytes) == nil, "\(rejected) must be rejected")
    }
    for length in [0, 1, 31, 33, 64] {
        #expect(F(canonicalBytes: [UInt8](repeating: 0, count: length)) == nil, "length \(length) must be rejected")
    }

    // Hashing agrees with equality; `random(using:)` is a function of the generator's state.
    #expect(Set(elements + elements).count == Set(elements).count, "seed \(seed)")
    var first = SplitMix64(seed: seed), second = SplitMix64(seed: seed)
    #expect(F.randomElements(8, using: &first) == F.randomElements(8, using: &second))
}

@Test func scalarFieldSatisfiesFieldLaws() {
    checkFieldLaws(Fr.self, seed: 0x5EED_0001)
}

@Test func baseFieldSatisfiesFieldLaws() {
    checkFieldLaws(Fq.self, seed: 0x5EED_0002)
}
