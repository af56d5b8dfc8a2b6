import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

// MARK: Helpers

private let sumcheckDomain = "zkinfer.tests.sumcheck"

/// Claims over `variableCount` variables with the given factor counts and their true sums.
private func randomClaims(
    variableCount: Int, factorCounts: [Int], using rng: inout SplitMix64
) -> [ProductSumcheckClaim] {
    factorCounts.map { count in
        ProductSumcheckClaim(factors: (0..<count).map { _ in
            DenseMultilinearPolynomial.random(variableCount: variableCount, using: &rng)
        })
    }
}

private func makeStatement(for claims: [ProductSumcheckClaim], variableCount: Int) -> SumcheckStatement {
    SumcheckStatement(variableCount: variableCount, claimedSums: claims.map(\.claimedSum),
                      factorCounts: claims.map(\.factors.count))
}

/// An honest run: the proof, the prover's result and the prover's final transcript state.
private struct SumcheckRun {
    let claims: [ProductSumcheckClaim]
    let statement: SumcheckStatement
    let proof: SumcheckProof
    let result: SumcheckResult
    let proverState: Digest

    init(variableCount: Int, factorCounts: [Int], seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        claims = randomClaims(variableCount: variableCount, factorCounts: factorCounts, using: &rng)
        statement = makeStatement(for: claims, variableCount: variableCount)
        var transcript = Transcript(domain: sumcheckDomain)
        (proof, result) = SumcheckProver.prove(claims, transcript: &transcript)
        proverState = transcript.state
    }

    /// Verifies `proof` (the honest one unless given) against `statement` (likewise) on a fresh
    /// transcript of the same domain.
    func verify(
        _ proof: SumcheckProof? = nil, statement: SumcheckStatement? = nil
    ) throws(VerificationError) -> (result: SumcheckResult, state: Digest) {
        var transcript = Transcript(domain: sumcheckDomain)
        let result = try SumcheckVerifier.verify(statement ?? self.statement, proof: proof ?? self.proof, transcript: &transcript)
        return (result, transcript.state)
    }

    var encoded: [UInt8] {
        var writer = ByteWriter()
        proof.encode(into: &writer)
        return writer.bytes
    }
}

/// The naive twin of `SumcheckProver`: every round polynomial evaluated straight from its
/// definition, g_k(t) = Σ_c α^c Σ_x Π_j P_cj(x, t, r_{k−1}, …, r_0) (round k binds x_{n−1−k}),
/// with the transcript order written out from its documentation: statement (variable count,
/// factor counts, sums) → α → per round (evaluations → challenge) → final evaluations.
private func naiveSumcheckProof(_ claims: [ProductSumcheckClaim], variableCount: Int, transcript: inout Transcript) -> SumcheckProof {
    let statement = makeStatement(for: claims, variableCount: variableCount)
    transcript.absorb(.sumcheckStatement, uint64: UInt64(variableCount))
    transcript.absorb(.sumcheckStatement, bytes: statement.factorCounts.map { UInt8($0) })
    transcript.absorb(.sumcheckStatement, fields: statement.claimedSums)
    let alpha = transcript.challengeScalar(.sumcheckBatching)

    var factors = claims.map(\.factors)
    var rounds = [[Fr]]()
    for _ in 0..<variableCount {
        let evaluations = (0...statement.degree).map { t in
            var total = Fr.zero, coefficient = Fr.one
            for claim in factors {
                let bound = claim.map { $0.fixingHighestVariable(Fr(t)) }
                let sum = (0..<bound[0].evaluations.count).reduce(Fr.zero) { sum, i in
                    sum + bound.reduce(Fr.one) { $0 * $1.evaluations[i] }
                }
                total = total + coefficient * sum
                coefficient = coefficient * alpha
            }
            return total
        }
        transcript.absorb(.sumcheckRound, fields: evaluations)
        let challenge = transcript.challengeScalar(.sumcheckChallenge)
        factors = factors.map { claim in claim.map { $0.fixingHighestVariable(challenge) } }
        rounds.append(evaluations)
    }
    let finals = factors.map { claim in claim.map { $0.evaluations[0] } }
    transcript.absorb(.sumcheckFinal, fields: finals.flatMap { $0 })
    return SumcheckProof(roundEvaluations: rounds, finalEvaluations: finals)
}

/// Checks an honest run end to end: the verifier accepts, both sides agree on the result and the
/// transcript, every claim left behind is true, and the proof survives encoding.
private func checkHonestRun(_ run: SumcheckRun, seed: UInt64) throws {
    let context: Comment = "seed \(seed), statement \(run.statement.factorCounts) over \(run.statement.variableCount) variables"
    let (result, verifierState) = try run.verify()
    #expect(result == run.result, context)
    #expect(verifierState == run.proverState, context)
    #expect(result.point.count == run.statement.variableCount, context)
    for (c, claim) in run.claims.enumerated() {
        #expect(result.claims[c].map(\.value) == claim.factors.map { $0.evaluate(at: result.point) }, context)
        #expect(result.claims[c].allSatisfy { $0.point == result.point }, context)
    }

    // Shape and encoding.
    #expect(run.proof.roundEvaluations.count == run.statement.variableCount, context)
    #expect(run.proof.roundEvaluations.allSatisfy { $0.count == run.statement.degree + 1 }, context)
    let encoded = run.encoded
    #expect(encoded.count == SumcheckProof.encodedByteCount(statement: run.statement), context)
    var reader = ByteReader(encoded)
    let decoded = try SumcheckProof(decoding: &reader, statement: run.statement)
    try reader.finish()
    #expect(decoded == run.proof, context)
}

// MARK: Round trips

@Test(arguments: [0, 1, 2, 5, 10, 14], 1...4)
func sumcheckProvesAndVerifiesOneClaim(variableCount: Int, factorCount: Int) throws {
    let seed = 0x5C00_0000 + UInt64(variableCount << 4 | factorCount)
    try checkHonestRun(SumcheckRun(variableCount: variableCount, factorCounts: [factorCount], seed: seed), seed: seed)
}

@Test(arguments: [[2, 2], [1, 4], [3, 1, 2], [4, 4, 4]], [0, 1, 6, 11])
func sumcheckProvesAndVerifiesBatchedClaims(factorCounts: [Int], variableCount: Int) throws {
    let seed = 0x5C01_0000 + UInt64(variableCount << 8 | factorCounts.reduce(0) { $0 * 5 + $1 })
    try checkHonestRun(SumcheckRun(variableCount: variableCount, factorCounts: factorCounts, seed: seed), seed: seed)
}

/// The optimised prover (derived g(1), fused f·g kernel, in-place parallel folds) produces
/// exactly the proof of the naive definition, with the same transcript.
@Test(arguments: [[1], [2], [3], [4], [2, 2], [1, 3, 4]], [0, 1, 4, 7])
func sumcheckProverMatchesNaiveProver(factorCounts: [Int], variableCount: Int) {
    let seed = 0x5C02_0000 + UInt64(variableCount << 8 | factorCounts.reduce(0) { $0 * 5 + $1 })
    let run = SumcheckRun(variableCount: variableCount, factorCounts: factorCounts, seed: seed)
    var transcript = Transcript(domain: sumcheckDomain)
    let naive = naiveSumcheckProof(run.claims, variableCount: variableCount, transcript: &transcript)
    #expect(naive == run.proof, "seed \(seed)")
    #expect(transcript.state == run.proverState, "seed \(seed)")
}

// MARK: Rejection: one test per VerificationError case

/// One claim with three factors over five variables: degree 3, batching coefficient 1, so the
/// verifier's expected values are easy to state.
private let rejectionSeed: UInt64 = 0x5C0F_0001
private let rejectionRun = SumcheckRun(variableCount: 5, factorCounts: [3], seed: rejectionSeed)

@Test func sumcheckRejectsATamperedRoundEvaluationAtZeroInThatRound() {
    var proof = rejectionRun.proof
    proof.roundEvaluations[2][0] = proof.roundEvaluations[2][0] + .one
    // g_2(0) + g_2(1) is now one more than the running claim.
    let honest = rejectionRun.proof.roundEvaluations[2]
    #expect(throws: VerificationError.sumcheckRoundSumMismatch(round: 2, expected: honest[0] + honest[1], got: honest[0] + honest[1] + .one),
            "seed \(rejectionSeed)") { _ = try rejectionRun.verify(proof) }
}

@Test func sumcheckRejectsATamperedRoundEvaluationInTheNextRound() {
    // g_2(3) does not enter g_2(0) + g_2(1), so round 2 passes; it changes g_2(r_2), the claim
    // round 3 must meet (and r_2 itself, through the transcript).
    var proof = rejectionRun.proof
    proof.roundEvaluations[2][3] = proof.roundEvaluations[2][3] + .one
    let error = #expect(throws: VerificationError.self, "seed \(rejectionSeed)") { _ = try rejectionRun.verify(proof) }
    guard case .sumcheckRoundSumMismatch(round: 3, _, _)? = error else {
        Issue.record("expected a round-sum mismatch in round 3, got \(String(describing: error))"); return
    }
}

@Test func sumcheckRejectsATamperedLastRoundEvaluationInTheFinalCheck() {
    var proof = rejectionRun.proof
    proof.roundEvaluations[4][2] = proof.roundEvaluations[4][2] + .one
    let error = #expect(throws: VerificationError.self, "seed \(rejectionSeed)") { _ = try rejectionRun.verify(proof) }
    #expect(caseName(of: error) == "sumcheckFinalEvaluationMismatch")
}

@Test func sumcheckRejectsAWrongClaimedSum() {
    var statement = rejectionRun.statement
    let honestSum = statement.claimedSums[0]
    statement.claimedSums[0] = honestSum + .one
    #expect(throws: VerificationError.sumcheckRoundSumMismatch(round: 0, expected: honestSum + .one, got: honestSum),
            "seed \(rejectionSeed)") { _ = try rejectionRun.verify(statement: statement) }
}

/// With no variables there are no rounds: a wrong sum is caught by the final check.
@Test func sumcheckRejectsAWrongClaimedSumWithoutVariables() {
    let run = SumcheckRun(variableCount: 0, factorCounts: [2], seed: 0x5C0F_0002)
    var statement = run.statement
    statement.claimedSums[0] = statement.claimedSums[0] + .one
    #expect(throws: VerificationError.sumcheckFinalEvaluationMismatch(expected: statement.claimedSums[0], got: run.statement.claimedSums[0])) {
        _ = try run.verify(statement: statement)
    }
}

@Test func sumcheckRejectsARoundPolynomialOfTheWrongDegree() {
    var extra = rejectionRun.proof
    extra.roundEvaluations[1].append(.zero)
    #expect(throws: VerificationError.sumcheckDegreeMismatch(round: 1, expected: 4, got: 5)) { _ = try rejectionRun.verify(extra) }
    var missing = rejectionRun.proof
    missing.roundEvaluations[0].removeLast()
    #expect(throws: VerificationError.sumcheckDegreeMismatch(round: 0, expected: 4, got: 3)) { _ = try rejectionRun.verify(missing) }
    var empty = rejectionRun.proof
    empty.roundEvaluations[3] = []
    #expect(throws: VerificationError.sumcheckDegreeMismatch(round: 3, expected: 4, got: 0)) { _ = try rejectionRun.verify(empty) }
}

@Test func sumcheckRejectsAMissingOrExtraRound() {
    var missing = rejectionRun.proof
    missing.roundEvaluations.removeLast()
    #expect(throws: VerificationError.sumcheckRoundCountMismatch(expected: 5, got: 4)) { _ = try rejectionRun.verify(missing) }
    var extra = rejectionRun.proof
    extra.roundEvaluations.append(extra.roundEvaluations[0])
    #expect(throws: VerificationError.sumcheckRoundCountMismatch(expected: 5, got: 6)) { _ = try rejectionRun.verify(extra) }
}

@Test func sumcheckRejectsATamperedFinalEvaluation() {
    var proof = rejectionRun.proof
    let finals = proof.finalEvaluations[0]
    proof.finalEvaluations[0][1] = finals[1] + .one
    // With one claim the expected final value is the product of the honest factor values.
    let honestProduct = finals[0] * finals[1] * finals[2]
    let tamperedProduct = finals[0] * (finals[1] + .one) * finals[2]
    #expect(throws: VerificationError.sumcheckFinalEvaluationMismatch(expected: honestProduct, got: tamperedProduct),
            "seed \(rejectionSeed)") { _ = try rejectionRun.verify(proof) }
}

@Test func sumcheckRejectsFinalEvaluationsOfTheWrongShape() {
    var missingFactor = rejectionRun.proof
    missingFactor.finalEvaluations[0].removeLast()
    #expect(throws: VerificationError.sumcheckFinalShapeMismatch(claim: 0, expectedFactors: 3, got: 2)) {
        _ = try rejectionRun.verify(missingFactor)
    }
    var extraFactor = rejectionRun.proof
    extraFactor.finalEvaluations[0].append(.one)
    #expect(throws: VerificationError.sumcheckFinalShapeMismatch(claim: 0, expectedFactors: 3, got: 4)) {
        _ = try rejectionRun.verify(extraFactor)
    }
    let claimCount = rejectionRun.proof.finalEvaluations.count
    var extraClaim = rejectionRun.proof
    extraClaim.finalEvaluations.append([.one])
    #expect(throws: VerificationError.sumcheckClaimCountMismatch(expected: claimCount, got: claimCount + 1)) {
        _ = try rejectionRun.verify(extraClaim)
    }
    var noClaims = rejectionRun.proof
    noClaims.finalEvaluations = []
    #expect(throws: VerificationError.sumcheckClaimCountMismatch(expected: claimCount, got: 0)) {
        _ = try rejectionRun.verify(noClaims)
    }
}

/// Statements the verifier refuses before reading the proof or touching the transcript.
@Test(arguments: [
    SumcheckStatement(variableCount: 5, claimedSums: [.zero], factorCounts: [11]),
    SumcheckStatement(variableCount: 5, claimedSums: [.zero], factorCounts: [0]),
    SumcheckStatement(variableCount: 5, claimedSums: [.zero, .zero], factorCounts: [3, -1]),
    SumcheckStatement(variableCount: 5, claimedSums: [.zero, .zero], factorCounts: [3]),
    SumcheckStatement(variableCount: 5, claimedSums: [.zero], factorCounts: [3, 3]),
    SumcheckStatement(variableCount: 5, claimedSums: [], factorCounts: []),
    SumcheckStatement(variableCount: 41, claimedSums: [.zero], factorCounts: [3]),
    SumcheckStatement(variableCount: -1, claimedSums: [.zero], factorCounts: [3]),
])
func sumcheckRejectsAnInvalidStatement(statement: SumcheckStatement) {
    var transcript = Transcript(domain: sumcheckDomain)
    let before = transcript.state
    let error = #expect(throws: VerificationError.self) {
        _ = try SumcheckVerifier.verify(statement, proof: rejectionRun.proof, transcript: &transcript)
    }
    #expect(caseName(of: error) == "sumcheckStatementInvalid", "\(statement)")
    #expect(transcript.state == before)
}

/// Fiat–Shamir binds the proof to the transcript it was made in: a verifier whose transcript has
/// seen one more entry draws other challenges, and the first round that depends on them fails.
@Test func sumcheckRejectsAProofFromAnotherTranscript() {
    var transcript = Transcript(domain: sumcheckDomain)
    transcript.absorb(TranscriptLabel("extra"), bytes: [1])
    let error = #expect(throws: VerificationError.self) {
        _ = try SumcheckVerifier.verify(rejectionRun.statement, proof: rejectionRun.proof, transcript: &transcript)
    }
    // One claim: α is not used, round 0's sum still holds; r_0 differs, so round 1 fails.
    guard case .sumcheckRoundSumMismatch(round: 1, _, _)? = error else {
        Issue.record("expected a round-sum mismatch in round 1, got \(String(describing: error))"); return
    }
}

// MARK: Decoding rejection

@Test func sumcheckDecodingRejectsEveryTruncation() {
    let encoded = rejectionRun.encoded
    #expect(encoded.count == 32 * (5 * 4 + 3))
    expectEvery(0..<encoded.count, "every truncation is reported as truncated (lengths listed)") { length in
        var reader = ByteReader(Array(encoded[..<length]))
        let error = thrownError { _ = try SumcheckProof(decoding: &reader, statement: rejectionRun.statement) }
        return caseName(of: error as? DecodingError) == "truncated"
    }
}

@Test func sumcheckDecodingLeavesTrailingBytesToFinish() throws {
    let encoded = rejectionRun.encoded
    var reader = ByteReader(encoded + [0])
    let decoded = try SumcheckProof(decoding: &reader, statement: rejectionRun.statement)
    #expect(decoded == rejectionRun.proof)
    #expect(throws: DecodingError.trailingBytes(offset: encoded.count, count: 1)) { try reader.finish() }
}

@Test func sumcheckDecodingRejectsNonCanonicalFieldElements() {
    let encoded = rejectionRun.encoded
    let modulusBytes = Fr.modulus.littleEndianWords(count: 4)!.flatMap { word in
        (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
    }
    // An element of round 1 and one of the final evaluations, replaced by p and by 2^256 − 1.
    let cases: [(offset: Int, replacement: [UInt8], what: String)] = [
        (32 * 5, modulusBytes, "sumcheck round 1"),
        (32 * 21, [UInt8](repeating: 0xFF, count: 32), "sumcheck final evaluations of claim 0"),
    ]
    for (offset, replacement, what) in cases {
        var bytes = encoded
        bytes.replaceSubrange(offset..<(offset + 32), with: replacement)
        var reader = ByteReader(bytes)
        #expect(throws: DecodingError.nonCanonicalFieldElement(what: what, offset: offset)) {
            _ = try SumcheckProof(decoding: &reader, statement: rejectionRun.statement)
        }
    }
}

/// Shared factor tables are an optimisation only: the proof equals the one for the same claims
/// with every factor written out.
@Test func sumcheckWithSharedFactorsMatchesWrittenOutFactors() {
    var rng = SplitMix64(seed: 99)
    let polynomials = (0..<4).map { _ in DenseMultilinearPolynomial(evaluations: Fr.randomElements(1 << 6, using: &rng)) }
    let indices = [[0, 1, 3], [0, 2], [1, 2, 3, 0]]
    let claims = indices.map { ProductSumcheckClaim(factors: $0.map { polynomials[$0] }) }
    var written = Transcript(domain: "shared-factors")
    let (expected, _) = SumcheckProver.prove(claims, transcript: &written)
    var shared = Transcript(domain: "shared-factors")
    let (proof, _) = SumcheckProver.prove(
        factors: polynomials,
        claims: zip(indices, claims).map { SharedProductClaim(factorIndices: $0, claimedSum: $1.claimedSum) },
        transcript: &shared)
    #expect(proof == expected)
    #expect(shared.state == written.state)
}
