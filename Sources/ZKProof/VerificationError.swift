import ZKAlgebra

/// Why a verifier rejected: every case names where (round, query, column) and what it expected
/// against what it got.
public enum VerificationError: Error, Equatable, CustomStringConvertible {
    // Sumcheck
    case sumcheckRoundCountMismatch(expected: Int, got: Int)
    case sumcheckDegreeMismatch(round: Int, expected: Int, got: Int)
    case sumcheckRoundSumMismatch(round: Int, expected: Fr, got: Fr)
    case sumcheckFinalShapeMismatch(claim: Int, expectedFactors: Int, got: Int)
    case sumcheckClaimCountMismatch(expected: Int, got: Int)
    case sumcheckFinalEvaluationMismatch(expected: Fr, got: Fr)
    case sumcheckStatementInvalid(reason: String)

    // LogUp lookups
    case lookupSumNotZero(witness: Fr, table: Fr)
    case lookupZeroDenominator(tree: String)
    case lookupLayerSumMismatch(tree: String, layer: Int, expected: Fr, got: Fr)
    case lookupInconsistentEvaluation(tree: String, layer: Int, what: String)
    case lookupLeafMismatch(tree: String, what: String, expected: Fr, got: Fr)
    case lookupShapeMismatch(what: String, expected: Int, got: Int)

    // Polynomial commitment
    case commitmentShapeMismatch(what: String, expected: Int, got: Int)
    case commitmentParametersMismatch(reason: String)
    case openingPointDimensionMismatch(claim: Int, expected: Int, got: Int)
    case openingMerklePathInvalid(query: Int, column: Int, reason: MerkleError)
    case openingColumnMismatch(query: Int, column: Int, combination: String)
    case openingEvaluationMismatch(expected: Fr, got: Fr)
    case openingClaimCountMismatch(expected: Int, got: Int)
    /// The inner-product arguments of a Pedersen opening do not check out (verified together in
    /// one multi-scalar multiplication, so the failing claim is not singled out).
    case openingArgumentInvalid(claims: Int)

    public var description: String {
        switch self {
        case let .sumcheckRoundCountMismatch(expected, got):
            return "sumcheck: proof has \(got) rounds, expected \(expected)"
        case let .sumcheckDegreeMismatch(round, expected, got):
            return "sumcheck round \(round): round polynomial has \(got) evaluations, expected \(expected)"
        case let .sumcheckRoundSumMismatch(round, expected, got):
            return "sumcheck round \(round): g(0) + g(1) = \(got), expected \(expected)"
        case let .sumcheckFinalShapeMismatch(claim, expected, got):
            return "sumcheck: claim \(claim) has \(got) final evaluations, expected \(expected)"
        case let .sumcheckClaimCountMismatch(expected, got):
            return "sumcheck: final evaluations cover \(got) claims, expected \(expected)"
        case let .sumcheckFinalEvaluationMismatch(expected, got):
            return "sumcheck: final product of evaluations is \(got), expected \(expected)"
        case let .sumcheckStatementInvalid(reason):
            return "sumcheck: invalid statement: \(reason)"
        case let .lookupSumNotZero(witness, table):
            return "lookup: the witness fractions sum to \(witness)·(…) but the table's to \(table)·(…): not a multiset of table entries"
        case let .lookupZeroDenominator(tree):
            return "lookup: the \(tree) tree's root denominator is zero"
        case let .lookupLayerSumMismatch(tree, layer, expected, got):
            return "lookup \(tree) tree, layer \(layer): numerator sums add to \(got), expected \(expected)"
        case let .lookupInconsistentEvaluation(tree, layer, what):
            return "lookup \(tree) tree, layer \(layer): \(what) reported inconsistently"
        case let .lookupLeafMismatch(tree, what, expected, got):
            return "lookup \(tree) tree leaves: \(what) is \(got), expected \(expected)"
        case let .lookupShapeMismatch(what, expected, got):
            return "lookup: \(what) is \(got), expected \(expected)"
        case let .commitmentShapeMismatch(what, expected, got):
            return "commitment: \(what) is \(got), expected \(expected)"
        case let .commitmentParametersMismatch(reason):
            return "commitment: parameters differ: \(reason)"
        case let .openingPointDimensionMismatch(claim, expected, got):
            return "opening: claim \(claim) has a point of dimension \(got), expected \(expected)"
        case let .openingMerklePathInvalid(query, column, reason):
            return "opening query \(query) (column \(column)): \(reason)"
        case let .openingColumnMismatch(query, column, combination):
            return "opening query \(query) (column \(column)): \(combination) combination does not match the encoded row"
        case let .openingEvaluationMismatch(expected, got):
            return "opening: evaluation is \(got), claimed \(expected)"
        case let .openingClaimCountMismatch(expected, got):
            return "opening: \(got) claims, proof covers \(expected)"
        case let .openingArgumentInvalid(claims):
            return "opening: the inner-product arguments for \(claims) claim(s) do not verify against the commitment and values"
        }
    }
}
