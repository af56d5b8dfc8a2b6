import Testing
import ZKAlgebra
import ZKTestSupport

/// `Vectors/g1_bn254.json`, produced by the independent Python generator (py_ecc; format in
/// `Vectors/README.md`). Shared by the group, MSM and encoding known-answer tests.
struct G1VectorFile: Decodable {
    /// A point as the file writes it: `{"x": …, "y": …}` in decimal, or the string "infinity".
    struct Point: Decodable, CustomStringConvertible {
        var x: String?
        var y: String?

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                guard text == "infinity" else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "point \(text)"))
                }
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            x = try container.decode(String.self, forKey: .x)
            y = try container.decode(String.self, forKey: .y)
        }

        private enum CodingKeys: String, CodingKey { case x, y }

        var description: String { x.map { "(\($0), \(y ?? "?"))" } ?? "infinity" }

        /// The point, required to be on the curve.
        func affine() throws -> G1Affine {
            guard let x, let y else { return .identity }
            return try #require(G1Affine(x: Fq(BigInteger(checked: x)), y: Fq(BigInteger(checked: y))), "\(self) is not on the curve")
        }
    }

    struct Binary: Decodable { var a: Point; var b: Point; var result: Point }
    struct Unary: Decodable { var a: Point; var result: Point }
    struct ScalarMultiplication: Decodable { var point: Point; var scalar: String; var result: Point }
    struct MSM: Decodable { var kind: String; var points: [Int]; var scalars: [String]; var signed: [Int64]?; var result: Point }
    struct Encoding: Decodable { var point: Point; var compressed: String }
    struct Rejection: Decodable, CustomStringConvertible {
        var compressed: String
        var reason: String
        var description: String { "\(compressed) (\(reason))" }
    }
    struct HashToCurve: Decodable { var label: String; var index: UInt64; var counter: Int; var point: Point; var compressed: String }
    struct Pedersen: Decodable { var values: [String]; var signed: [Int64]?; var blinding: String; var commitment: Point; var compressed: String }

    var curve: String
    var q: String
    var r: String
    var add: [Binary]
    var double: [Unary]
    var neg: [Unary]
    var scalar_mul: [ScalarMultiplication]
    var msm_points: [Point]
    var msm: [MSM]
    var encode: [Encoding]
    var decode_reject: [Rejection]
    var hash_to_g1: [HashToCurve]
    var pedersen: [Pedersen]

    static func load() throws -> G1VectorFile { try Repository.json("Vectors/g1_bn254.json") }
}

extension Fr {
    /// A decimal scalar from a vector file.
    init(decimal text: String) { self.init(BigInteger(checked: text)) }
}
