import Testing
import ZKAlgebra
import ZKTestSupport

/// `Vectors/field_*.json`, produced by the independent Python generator (format in
/// `Vectors/README.md`).
struct FieldVectorFile: Decodable {
    struct Case: Decodable, CustomStringConvertible {
        var op: String
        var a: String?
        var b: String?
        var result: String?
        var wide: String?
        var bytes: String?

        var description: String {
            "\(op)(\([a, b, wide, bytes].compactMap { $0 }.joined(separator: ", "))) = \(result ?? "-")"
        }
    }

    var field: String
    var modulus: String
    var seed: Int
    var cases: [Case]
}

extension FieldVectorFile.Case {
    /// Whether `F` reproduces this case. Throws (failing the test) on a malformed case.
    func holds<F: PrimeField>(in _: F.Type) throws -> Bool {
        func element(_ text: String?) throws -> F { F(BigInteger(checked: try #require(text, "\(self)"))) }
        func decodeHex(_ text: String?) throws -> [UInt8] {
            let hex = try #require(text, "\(self)")
            return try #require([UInt8](hex: hex), "\(self)")
        }
        /// The value of GMP's result, held canonically (the same element as one built from it).
        func isResult(_ got: F?) throws -> Bool {
            let expected = BigInteger(checked: try #require(result, "\(self)"))
            return got?.bigInteger == expected && got == F(expected)
        }

        switch op {
        case "add": return try isResult(element(a) + element(b))
        case "sub": return try isResult(element(a) - element(b))
        case "mul": return try isResult(element(a) * element(b))
        case "neg": return try isResult(-element(a))
        case "square": return try isResult(element(a).squared())
        case "inverse": return try isResult(element(a).inverse)
        case "pow":
            // The exponent is a plain integer in [0, 2^256), not reduced modulo anything.
            return try isResult(element(a).power(BigInteger(checked: try #require(b, "\(self)"))))
        case "reduce_wide":
            let wideBytes = try decodeHex(wide)
            return try wideBytes.count == 64 && isResult(F(reducing: wideBytes))
        case "encode":
            let value = try element(a)
            let encoding = try decodeHex(bytes)
            return value.canonicalBytes == encoding && F(canonicalBytes: encoding) == value
        case "decode_reject":
            let encoding = try decodeHex(bytes)
            return encoding.count == 32 && F(canonicalBytes: encoding) == nil
        default:
            Issue.record("unknown operation in \(self)")
            return false
        }
    }
}

@Test(arguments: ["field_bn254_fr.json", "field_bn254_fq.json"])
func fieldArithmeticMatchesKnownAnswers(file name: String) throws {
    let file = try Repository.json("Vectors/\(name)", as: FieldVectorFile.self)
    let isScalarField = file.field == "bn254_fr"
    #expect(file.field == (name.contains("_fr") ? "bn254_fr" : "bn254_fq"))
    #expect(BigInteger(checked: file.modulus) == (isScalarField ? Fr.modulus : Fq.modulus), "\(name): modulus")

    try expectEvery(file.cases, "\(name): cases") { vector in
        isScalarField ? try vector.holds(in: Fr.self) : try vector.holds(in: Fq.self)
    }
    // Every operation the README lists is present, so a truncated file cannot pass silently.
    let counts = Dictionary(grouping: file.cases, by: \.op).mapValues(\.count)
    for operation in ["add", "sub", "mul", "neg", "square", "inverse", "pow", "reduce_wide", "encode", "decode_reject"] {
        #expect(counts[operation, default: 0] >= 200, "\(name): only \(counts[operation, default: 0]) \(operation) cases")
    }
}
