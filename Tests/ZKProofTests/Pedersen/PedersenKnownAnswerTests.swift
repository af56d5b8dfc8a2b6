import Foundation
import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// The hash-to-curve and Pedersen cases of `Vectors/g1_bn254.json` (independent Python).
private struct PedersenVectors: Decodable {
    struct Point: Decodable {
        var x: String
        var y: String
        func affine() throws -> G1Affine {
            let (xValue, yValue) = (try #require(BigInteger(x)), try #require(BigInteger(y)))
            return try #require(G1Affine(x: Fq(xValue), y: Fq(yValue)))
        }
    }
    struct HashCase: Decodable, CustomStringConvertible {
        var label: String
        var index: UInt64
        var counter: UInt32
        var point: Point
        var description: String { "\(label)[\(index)]" }
    }
    struct CommitmentCase: Decodable, CustomStringConvertible {
        var values: [String]
        var blinding: String
        var commitment: Point
        var description: String { "\(values.count) values" }
    }
    var hash_to_g1: [HashCase]
    var pedersen: [CommitmentCase]
}

@Test func hashToG1MatchesTheKnownAnswers() throws {
    let file = try Repository.json("Vectors/g1_bn254.json", as: PedersenVectors.self)
    #expect(file.hash_to_g1.count >= 70)
    try expectEvery(file.hash_to_g1, "hash_to_g1 point and counter") { vector in
        let (point, counter) = HashToG1.point(label: Array(vector.label.utf8), index: vector.index)
        return try point == vector.point.affine() && counter == vector.counter
    }
    // The generators the commitment uses are the file's G_j and H.
    let gs = file.hash_to_g1.filter { $0.label == "zkinfer.pedersen.bn254.v1/G" && $0.index < 64 }.sorted { $0.index < $1.index }
    #expect(gs.count >= 16 && gs.enumerated().allSatisfy { UInt64($0.offset) == $0.element.index })
    #expect(try PedersenGenerators.vector(count: gs.count) == gs.map { try $0.point.affine() })
    let h = try #require(file.hash_to_g1.first { $0.label == "zkinfer.pedersen.bn254.v1/H" })
    #expect(try PedersenGenerators.blinding == h.point.affine())
}

@Test func pedersenVectorCommitmentsMatchTheKnownAnswers() throws {
    let file = try Repository.json("Vectors/g1_bn254.json", as: PedersenVectors.self)
    #expect(file.pedersen.count >= 5)
    try expectEvery(file.pedersen, "Σ m_j·G_j + ρ·H") { vector in
        let values = try vector.values.map { text in Fr(try #require(BigInteger(text))) }
        let blindingValue = try #require(BigInteger(vector.blinding))
        let blinding = Fr(blindingValue)
        let sum = MultiScalarMultiplication.multiply(PedersenGenerators.vector(count: values.count) + [PedersenGenerators.blinding],
                                                     values + [blinding])
        return try sum.affine == vector.commitment.affine()
    }
}
