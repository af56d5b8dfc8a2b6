import Testing
import ZKAlgebra
import ZKTestSupport

/// Random points round-trip; random and mutated bytes either decode to a point that re-encodes to
/// the same bytes (the encoding is canonical) or throw — never trap.
@Test func g1CompressedEncodingIsCanonicalAndTotal() {
    var generator = SeededGenerator(defaultSeed: 0x6731_656e_63)
    let g = G1Affine.generator.projective
    var failures = [String]()
    for _ in 0..<200 {
        let point = g.multiplied(by: Fr.random(using: &generator)).affine
        let bytes = point.compressed
        if (try? G1Affine(compressed: bytes)) != point { failures.append("round trip of \(bytes)") }
        // Flipping bit 7 names the negated point.
        var flipped = bytes
        flipped[31] ^= 0x80
        if (try? G1Affine(compressed: flipped)) != -point { failures.append("sign flip of \(bytes)") }
    }
    var accepted = 0
    for round in 0..<20_000 {
        var bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        // Half the strings keep the top bits clear so that x < q is common and curve checks run.
        if round % 2 == 0 { bytes[31] &= 0x2f }
        if let point = try? G1Affine(compressed: bytes) {
            accepted += 1
            if point.compressed != bytes { failures.append("non-canonical acceptance of \(bytes)") }
        }
    }
    #expect(accepted > 1_000, "about a quarter of the random strings are points")
    #expect(failures.isEmpty, generator.comment("\(failures.prefix(3))"))
}

@Test func g1DecodingRejectsEachMalformation() {
    let identity = [UInt8](repeating: 0, count: 31) + [0x40]
    #expect(G1Affine.identity.compressed == identity)
    #expect((try? G1Affine(compressed: identity)) == .identity)
    #expect(throws: G1DecodingError.wrongLength(got: 31)) { try G1Affine(compressed: identity.dropLast()) }
    #expect(throws: G1DecodingError.wrongLength(got: 33)) { try G1Affine(compressed: identity + [0]) }
    #expect(throws: G1DecodingError.badFlags) { try G1Affine(compressed: [UInt8](repeating: 0, count: 31) + [0xc0]) }
    #expect(throws: G1DecodingError.badFlags) { try G1Affine(compressed: [1] + [UInt8](repeating: 0, count: 30) + [0x40]) }
    #expect(throws: G1DecodingError.notOnCurve) { try G1Affine(compressed: [UInt8](repeating: 0, count: 32)) }
    // x = q (its two top bits are clear, so no flag hides it).
    let q = Fq.modulus.littleEndianWords(count: 4)!.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    #expect(throws: G1DecodingError.nonCanonicalX) { try G1Affine(compressed: q) }
}

/// Uncompressed points round-trip; mutated encodings either decode to a point that re-encodes to
/// the same bytes or throw — never trap; each malformation is named.
@Test func g1UncompressedEncodingIsCanonicalAndTotal() {
    var generator = SeededGenerator(defaultSeed: 0x7563_6f6d_70)
    let g = G1Affine.generator.projective
    var failures = [String]()
    var accepted = 0
    for _ in 0..<300 {
        let point = g.multiplied(by: Fr.random(using: &generator)).affine
        let bytes = point.uncompressed
        if (try? G1Affine(uncompressed: bytes)) != point { failures.append("round trip of \(bytes)") }
        var mutated = bytes
        mutated[Int(generator.next() % 64)] ^= UInt8(1 + generator.next() % 255)
        if let decoded = try? G1Affine(uncompressed: mutated) {
            accepted += 1
            if decoded.uncompressed != mutated { failures.append("non-canonical acceptance of \(mutated)") }
        }
    }
    #expect(accepted == 0, "a one-byte change of a point is (almost surely) off the curve")
    #expect(failures.isEmpty, generator.comment("\(failures.prefix(3))"))

    #expect(G1Affine.identity.uncompressed == [UInt8](repeating: 0, count: 64))
    #expect((try? G1Affine(uncompressed: [UInt8](repeating: 0, count: 64))) == .identity)
    let one = G1Affine.generator.uncompressed
    #expect(throws: G1Affine.UncompressedDecodingError.wrongLength(got: 63)) { try G1Affine(uncompressed: one.dropLast()) }
    #expect(throws: G1Affine.UncompressedDecodingError.notOnCurve) { try G1Affine(uncompressed: one[..<32] + one[..<32]) }
    let q = Fq.modulus.littleEndianWords(count: 4)!.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
    #expect(throws: G1Affine.UncompressedDecodingError.nonCanonicalCoordinate) { try G1Affine(uncompressed: q + one[32...]) }
    #expect(throws: G1Affine.UncompressedDecodingError.nonCanonicalCoordinate) { try G1Affine(uncompressed: one[..<32] + q) }
}
