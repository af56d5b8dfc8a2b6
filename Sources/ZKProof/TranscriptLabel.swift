/// Every label the Fiat–Shamir transcript uses, in one place, so prover and verifier cannot
/// spell an entry differently.
public struct TranscriptLabel: Sendable, Equatable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }

    // Sumcheck
    public static let sumcheckStatement = TranscriptLabel("sumcheck.statement")
    public static let sumcheckBatching = TranscriptLabel("sumcheck.batching")
    public static let sumcheckRound = TranscriptLabel("sumcheck.round")
    public static let sumcheckChallenge = TranscriptLabel("sumcheck.challenge")
    public static let sumcheckFinal = TranscriptLabel("sumcheck.final")

    // LogUp lookups
    public static let lookupStatement = TranscriptLabel("logup.statement")
    public static let lookupAlpha = TranscriptLabel("logup.alpha")
    public static let lookupRoots = TranscriptLabel("logup.roots")
    public static let lookupLayerSums = TranscriptLabel("logup.layer-sums")
    public static let lookupSibling = TranscriptLabel("logup.sibling")

    // Inference proofs
    public static let inferenceStatement = TranscriptLabel("inference.statement")
    public static let inferenceWitness = TranscriptLabel("inference.witness-commitment")
    public static let inferenceEvaluations = TranscriptLabel("inference.evaluations")
    public static let inferencePoint = TranscriptLabel("inference.point")
    public static let lookupPacking = TranscriptLabel("logup.packing")

    // Polynomial commitment
    public static let pcsClaims = TranscriptLabel("pcs.claims")
    public static let pcsBatching = TranscriptLabel("pcs.batching")
    public static let pcsReducedClaim = TranscriptLabel("pcs.reduced-claim")
    public static let pcsProximityCoefficients = TranscriptLabel("pcs.proximity-coefficients")
    public static let pcsRows = TranscriptLabel("pcs.rows")
    public static let pcsQueries = TranscriptLabel("pcs.queries")
    /// Drawn by the verifier alone, from a copy of the transcript (see `LigeroCommitmentScheme.verify`).
    public static let pcsRowCombination = TranscriptLabel("pcs.row-combination")

    // Pedersen (Hyrax layout) commitment and its inner-product argument
    public static let pedersenCommitment = TranscriptLabel("pedersen.commitment")
    public static let pedersenClaims = TranscriptLabel("pedersen.claims")
    public static let pedersenValueGenerator = TranscriptLabel("pedersen.value-generator")
    public static let pedersenCrossTerms = TranscriptLabel("pedersen.cross-terms")
    public static let pedersenFold = TranscriptLabel("pedersen.fold")
    public static let pedersenFinalCommitment = TranscriptLabel("pedersen.final-commitment")
    public static let pedersenFinalChallenge = TranscriptLabel("pedersen.final-challenge")
    /// Drawn by the verifier alone, from a copy of the transcript, to check all arguments in one MSM.
    public static let pedersenBatchVerification = TranscriptLabel("pedersen.batch-verification")

    // Commit-and-prove (zero-knowledge) streams
    public static let hidingCommitments = TranscriptLabel("hiding.commitments")
    public static let hidingRelationStatement = TranscriptLabel("hiding.relation-statement")
    public static let hidingRelationBatching = TranscriptLabel("hiding.relation-batching")
    public static let hidingRelationNonce = TranscriptLabel("hiding.relation-nonce")
    public static let hidingRelationChallenge = TranscriptLabel("hiding.relation-challenge")
    public static let hidingProductCommitments = TranscriptLabel("hiding.product-commitments")
    public static let hidingProductChallenge = TranscriptLabel("hiding.product-challenge")
    public static let hidingProductResponses = TranscriptLabel("hiding.product-responses")
    /// Drawn by the verifier alone, after the whole proof, to check every group equation in one MSM.
    public static let hidingBatchCheck = TranscriptLabel("hiding.batch-check")
    public static let hidingSumcheckStatement = TranscriptLabel("hiding.sumcheck-statement")
}
