import Testing
import ZKAlgebra
import ZKTestSupport

// Known answers from the independent Python implementation (`Vectors/g1_bn254.json`).

@Suite("BN254 G1 known answers (py_ecc)")
struct G1KnownAnswerTests {
    let file: G1VectorFile

    init() throws { file = try G1VectorFile.load() }

    @Test func curveParametersAreOurs() {
        #expect(file.curve == "bn254_g1")
        #expect(BigInteger(checked: file.q) == Fq.modulus)
        #expect(BigInteger(checked: file.r) == Fr.modulus)
        let counts = [file.add.count, file.double.count, file.scalar_mul.count, file.msm.count]
        #expect(counts.allSatisfy { $0 >= 40 }, "a truncated file cannot pass silently: \(counts)")
    }

    @Test func additionInEveryForm() throws {
        try expectEvery(file.add.indices, "add: projective + projective, projective + affine, both orders") { index in
            let vector = file.add[index]
            let (a, b, sum) = (try vector.a.affine(), try vector.b.affine(), try vector.result.affine())
            return (a.projective + b.projective).affine == sum && (b.projective + a.projective).affine == sum
                && a.projective.adding(b).affine == sum && b.projective.adding(a).affine == sum
                && (a.projective + b.projective) == sum.projective
        }
    }

    @Test func doublingAndNegation() throws {
        try expectEvery(file.double.indices, "double") { index in
            let vector = file.double[index]
            return try vector.a.affine().projective.doubled().affine == vector.result.affine()
        }
        try expectEvery(file.neg.indices, "neg") { index in
            let vector = file.neg[index]
            let (a, negated) = (try vector.a.affine(), try vector.result.affine())
            return -a == negated && (-a.projective).affine == negated
        }
    }

    @Test func scalarMultiplication() throws {
        try expectEvery(file.scalar_mul.indices, "scalar_mul") { index in
            let vector = file.scalar_mul[index]
            return try vector.point.affine().projective.multiplied(by: Fr(decimal: vector.scalar)).affine == vector.result.affine()
        }
    }

    @Test func multiScalarMultiplication() throws {
        let pool = try file.msm_points.map { try $0.affine() }
        #expect(Set(file.msm.map(\.kind)) == ["full", "int8", "int16", "repeated", "zero_scalars", "special"])
        try expectEvery(file.msm.indices, "msm: Pippenger (parallel and serial) and the naive twin") { index in
            let vector = file.msm[index]
            let points = vector.points.map { pool[$0] }
            let scalars = vector.scalars.map(Fr.init(decimal:))
            let expected = try vector.result.affine()
            var ok = MultiScalarMultiplication.multiply(points, scalars).affine == expected
                && MultiScalarMultiplication.multiply(points, scalars, parallel: false).affine == expected
                && MultiScalarMultiplication.naive(points, scalars).affine == expected
            if let signed = vector.signed {
                ok = ok && signed.map { Fr($0) } == scalars
                    && MultiScalarMultiplication.multiply(points, smallScalars: signed).affine == expected
            }
            return ok
        }
    }

    @Test func compressedEncodings() throws {
        let encodings = file.encode.map { ($0.point, $0.compressed) }
            + file.hash_to_g1.map { ($0.point, $0.compressed) } + file.pedersen.map { ($0.commitment, $0.compressed) }
        try expectEvery(encodings.indices, "encode and decode") { index in
            let (point, hex) = encodings[index]
            let bytes = try #require([UInt8](hex: hex))
            let affine = try point.affine()
            return affine.compressed == bytes && (try? G1Affine(compressed: bytes)) == affine
        }
    }

    /// The uncompressed form is x ‖ y little-endian: the compressed vectors' points, written out
    /// from py_ecc's decimal coordinates, each 32 bytes.
    @Test func uncompressedEncodings() throws {
        let points = file.encode.map(\.point) + file.hash_to_g1.map(\.point) + file.pedersen.map(\.commitment)
        try expectEvery(points.indices, "uncompressed encode and decode") { index in
            let point = points[index]
            let affine = try point.affine()
            guard let x = point.x, let y = point.y else {
                return affine.uncompressed == [UInt8](repeating: 0, count: 64) && (try? G1Affine(uncompressed: affine.uncompressed)) == affine
            }
            let expected = Fq(BigInteger(checked: x)).canonicalBytes + Fq(BigInteger(checked: y)).canonicalBytes
            return affine.uncompressed == expected && (try? G1Affine(uncompressed: expected)) == affine
        }
    }

    @Test func decodingRejectsWhatTheFileRejects() throws {
        #expect(Set(file.decode_reject.map(\.reason)) == ["length", "not_on_curve", "x_not_canonical", "bad_flags"])
        try expectEvery(file.decode_reject, "decode_reject: the stated reason") { vector in
            let bytes = try #require([UInt8](hex: vector.compressed))
            guard let error = Self.decodingError(bytes) else { return false }
            switch (error, vector.reason) {
            case (.wrongLength(let got), "length"): return got == bytes.count
            case (.notOnCurve, "not_on_curve"), (.nonCanonicalX, "x_not_canonical"), (.badFlags, "bad_flags"): return true
            // 00…00c0 breaks two rules (identity bit with bit 7, and x = 0 is off the curve).
            case (.badFlags, "not_on_curve"): return bytes[31] & 0x40 != 0
            default: return false
            }
        }
    }

    private static func decodingError(_ bytes: [UInt8]) -> G1DecodingError? {
        do {
            _ = try G1Affine(compressed: bytes)
            return nil
        } catch {
            return error
        }
    }
}
