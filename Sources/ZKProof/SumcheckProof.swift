import ZKAlgebra

/// The prover's messages: each round polynomial as its evaluations at 0, 1, …, d, then every
/// factor's value at the final point.
public struct SumcheckProof: Sendable, Equatable {
    /// roundEvaluations[k][t] = g_k(t).
    public var roundEvaluations: [[Fr]]
    /// finalEvaluations[c][j] = factor j of claim c at the final point.
    public var finalEvaluations: [[Fr]]

    public init(roundEvaluations: [[Fr]], finalEvaluations: [[Fr]]) {
        self.roundEvaluations = roundEvaluations
        self.finalEvaluations = finalEvaluations
    }

    /// Every length is fixed by the statement, so nothing on the wire chooses an allocation size.
    public func encode(into writer: inout ByteWriter) {
        for round in roundEvaluations { writer.write(round) }
        for claim in finalEvaluations { writer.write(claim) }
    }

    public init(decoding reader: inout ByteReader, statement: SumcheckStatement) throws(DecodingError) {
        let degree = statement.degree
        roundEvaluations = []
        for round in 0..<statement.variableCount {
            roundEvaluations.append(try reader.readFields(degree + 1, "sumcheck round \(round)"))
        }
        finalEvaluations = []
        for (claim, count) in statement.factorCounts.enumerated() {
            finalEvaluations.append(try reader.readFields(count, "sumcheck final evaluations of claim \(claim)"))
        }
    }

    public static func encodedByteCount(statement: SumcheckStatement) -> Int {
        32 * (statement.variableCount * (statement.degree + 1) + statement.factorCounts.reduce(0, +))
    }
}

/// The claim a successful sumcheck leaves behind: each factor's value at the random point.
public struct SumcheckResult: Sendable, Equatable {
    /// The final point in variable order (x_0 first).
    public var point: [Fr]
    /// claims[c][j]: factor j of claim c evaluates to claims[c][j].value at `point`.
    public var claims: [[EvaluationClaim]]

    package init(point: [Fr], claims: [[EvaluationClaim]]) {
        self.point = point
        self.claims = claims
    }
}
