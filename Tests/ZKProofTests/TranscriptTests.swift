import Foundation
import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// `Vectors/transcript.json` (format in `Vectors/README.md`).
struct TranscriptVectorFile: Decodable {
    struct Case: Decodable {
        var domain: String
        var operations: [Operation]
        var final_state: String
    }

    struct Operation: Decodable {
        var op: String
        var label: String
        var data: String?
        var length: Int?
        var count: Int?
        /// A power of two up to 2^64, which neither `Int` nor `UInt64` holds; a `Double` holds
        /// every power of two exactly.
        var bound: Double?
        var output: Output?
    }

    /// Hex bytes (`challenge`), a decimal scalar (`challenge_scalar`) or indices (`challenge_indices`).
    enum Output: Decodable {
        case text(String)
        case indices([UInt64])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let indices = try? container.decode([UInt64].self) {
                self = .indices(indices)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        var text: String? { if case let .text(text) = self { text } else { nil } }
        var indices: [UInt64]? { if case let .indices(indices) = self { indices } else { nil } }
    }

    var seed: Int
    var cases: [Case]
}

@Test func transcriptMatchesKnownAnswers() throws {
    let file = try Repository.json("Vectors/transcript.json", as: TranscriptVectorFile.self)
    var operationCounts = [String: Int]()
    #expect(file.cases.count >= 40)

    for (caseIndex, vector) in file.cases.enumerated() {
        var transcript = Transcript(domain: vector.domain)
        for (operationIndex, operation) in vector.operations.enumerated() {
            let context: Comment = "case \(caseIndex) (domain \"\(vector.domain)\"), operation \(operationIndex) (\(operation.op))"
            let label = TranscriptLabel(operation.label)
            operationCounts[operation.op, default: 0] += 1
            switch operation.op {
            case "absorb":
                transcript.absorb(label, bytes: try bytes(hex: try #require(operation.data, context)))
            case "challenge":
                let output = transcript.challengeBytes(label, count: try #require(operation.length, context))
                #expect(output.hexString == operation.output?.text, context)
            case "challenge_scalar":
                let scalar = transcript.challengeScalar(label)
                #expect(scalar.bigInteger.description == operation.output?.text, context)
            case "challenge_indices":
                let count = try #require(operation.count, context)
                let bound = try #require(operation.bound, context)
                let logBound = Int(bound.exponent)
                #expect(bound == pow(2, Double(logBound)) && (0...64).contains(logBound), context)
                let expected = try #require(operation.output?.indices, context)
                if logBound < Int.bitWidth - 1 {
                    let indices = transcript.challengeIndices(label, count: count, bound: 1 << logBound)
                    #expect(indices.map { UInt64($0) } == expected, context)
                } else {
                    // A bound of 2^63 or 2^64 does not fit the API's `Int` bound. The operation is
                    // specified as `challenge(label, 8·count)` cut into u64 words reduced mod
                    // bound, so replay it through `challengeBytes` (same state update).
                    let raw = transcript.challengeBytes(label, count: 8 * count)
                    let mask = logBound == 64 ? UInt64.max : (UInt64(1) << logBound) - 1
                    let words = (0..<count).map { k in
                        (0..<8).reduce(UInt64(0)) { $0 | UInt64(raw[8 * k + $1]) << (8 * $1) } & mask
                    }
                    #expect(words == expected, context)
                }
            default:
                Issue.record("\(context): unknown operation")
            }
        }
        #expect(transcript.state.hex == vector.final_state, "case \(caseIndex) (domain \"\(vector.domain)\"): final state")
    }
    for operation in ["absorb", "challenge", "challenge_scalar", "challenge_indices"] {
        #expect(operationCounts[operation, default: 0] >= 50, "only \(operationCounts[operation, default: 0]) \(operation) operations")
    }
}

/// The typed absorbs are the byte absorb of their documented encodings (`Vectors/SPEC.md`):
/// field elements as canonical 32-byte little-endian, a u64 as 8 bytes little-endian, a digest
/// as its 32 bytes; `challengeScalars` reduces consecutive 64-byte chunks of one challenge.
@Test func typedAbsorbsAndChallengesFollowTheByteLayout() {
    let seed: UInt64 = 0x7A5C_0001
    var rng = SplitMix64(seed: seed)
    let elements = Fr.randomElements(3, using: &rng)
    let word = rng.next()
    let digest = SHA256.hash([1, 2, 3])
    let label = TranscriptLabel("test")

    var typed = Transcript(domain: "typed")
    typed.absorb(label, field: elements[0])
    typed.absorb(label, fields: elements)
    typed.absorb(label, fields: [])
    typed.absorb(label, uint64: word)
    typed.absorb(label, digest: digest)
    let scalars = typed.challengeScalars(label, count: 3)

    var raw = Transcript(domain: "typed")
    raw.absorb(label, bytes: elements[0].canonicalBytes)
    raw.absorb(label, bytes: elements.flatMap(\.canonicalBytes))
    [UInt8]().withUnsafeBytes { raw.absorb(label, raw: $0) }
    raw.absorb(label, bytes: (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) })
    raw.absorb(label, bytes: digest.bytes)
    let challenge = raw.challengeBytes(label, count: 192)
    let expectedScalars = (0..<3).map { Fr(reducing: challenge[(64 * $0)..<(64 * $0 + 64)]) }

    #expect(scalars == expectedScalars, "seed \(seed)")
    #expect(typed.state == raw.state, "seed \(seed)")
}

/// Labels, domains and the order of entries all change every later challenge.
@Test func transcriptChallengesDependOnLabelsDomainAndOrder() {
    func challenge(domain: String, _ entries: [(String, [UInt8])]) -> [UInt8] {
        var transcript = Transcript(domain: domain)
        for (label, data) in entries { transcript.absorb(TranscriptLabel(label), bytes: data) }
        return transcript.challengeBytes(TranscriptLabel("c"), count: 32)
    }
    let reference = challenge(domain: "d", [("a", [1]), ("b", [2])])
    #expect(challenge(domain: "d", [("a", [1]), ("b", [2])]) == reference)
    #expect(challenge(domain: "e", [("a", [1]), ("b", [2])]) != reference)
    #expect(challenge(domain: "d", [("b", [2]), ("a", [1])]) != reference)
    #expect(challenge(domain: "d", [("a", [1]), ("c", [2])]) != reference)
    #expect(challenge(domain: "d", [("a", [1, 2]), ("b", [])]) != reference)  // length prefixes
    #expect(challenge(domain: "d", [("a", [1])]) != reference)
}
