import ZKAlgebra

/// What the sumcheck verifier knows: for each batched claim, Σ_{x ∈ {0,1}^n} Π_j P_j(x) = sum
/// with `factorCounts[c]` multilinear factors (1…10; max-pooling windows need 1 + window size).
public struct SumcheckStatement: Sendable, Equatable {
    public static let maximumFactorCount = 10

    public var variableCount: Int
    public var claimedSums: [Fr]
    public var factorCounts: [Int]

    public init(variableCount: Int, claimedSums: [Fr], factorCounts: [Int]) {
        self.variableCount = variableCount
        self.claimedSums = claimedSums
        self.factorCounts = factorCounts
    }

    /// Degree of every round polynomial: the largest factor count.
    public var degree: Int { factorCounts.max() ?? 0 }

    func validate() throws(VerificationError) {
        guard !claimedSums.isEmpty, claimedSums.count == factorCounts.count else {
            throw .sumcheckStatementInvalid(reason: "\(claimedSums.count) sums for \(factorCounts.count) claims")
        }
        guard factorCounts.allSatisfy({ (1...Self.maximumFactorCount).contains($0) }) else {
            throw .sumcheckStatementInvalid(reason: "factor counts \(factorCounts) outside 1…\(Self.maximumFactorCount)")
        }
        guard (0...40).contains(variableCount) else {
            throw .sumcheckStatementInvalid(reason: "variable count \(variableCount) outside 0…40")
        }
    }
}

/// One definition of the sumcheck's transcript order, used by prover and verifier alike:
/// statement → batching challenge α → per round (evaluations → challenge) → final evaluations.
enum SumcheckTranscript {
    /// Absorbs the statement and returns the batching coefficients 1, α, α², ….
    static func begin(_ statement: SumcheckStatement, _ transcript: inout Transcript) -> [Fr] {
        transcript.absorb(.sumcheckStatement, uint64: UInt64(statement.variableCount))
        transcript.absorb(.sumcheckStatement, bytes: statement.factorCounts.map { UInt8($0) })
        transcript.absorb(.sumcheckStatement, fields: statement.claimedSums)
        let alpha = transcript.challengeScalar(.sumcheckBatching)
        var coefficients = [Fr.one]
        while coefficients.count < statement.claimedSums.count { coefficients.append(coefficients.last! * alpha) }
        return coefficients
    }

    static func round(_ evaluations: [Fr], _ transcript: inout Transcript) -> Fr {
        transcript.absorb(.sumcheckRound, fields: evaluations)
        return transcript.challengeScalar(.sumcheckChallenge)
    }

    static func finish(_ finalEvaluations: [[Fr]], _ transcript: inout Transcript) {
        transcript.absorb(.sumcheckFinal, fields: finalEvaluations.flatMap { $0 })
    }
}
