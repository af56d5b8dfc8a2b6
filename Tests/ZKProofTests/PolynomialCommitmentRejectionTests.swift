import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// An honest Ligero opening of a 6-variable polynomial (small parameters: 2^2 rows × 2^4
/// columns, codewords of 64, 20 queries) at one or two points, and ways to verify variations.
private struct LigeroFixture {
    static let seed: UInt64 = 0x11_6E70_0001
    let scheme = LigeroCommitmentScheme(parameters: smallLigeroParameters)
    let polynomial: DenseMultilinearPolynomial
    let forger: LigeroOpeningForger
    let commitment: LigeroCommitmentScheme.Commitment
    let claims: [EvaluationClaim]
    let proof: LigeroOpeningProof
    var layout: LigeroLayout { forger.layout }
    var parameters: LigeroParameters { scheme.parameters }

    init(claimCount: Int) {
        var rng = SplitMix64(seed: Self.seed)
        polynomial = DenseMultilinearPolynomial.random(variableCount: 6, using: &rng)
        forger = LigeroOpeningForger(parameters: smallLigeroParameters, polynomial: polynomial)
        let (commitment, proverData) = scheme.commit(polynomial)
        self.commitment = commitment
        let points = (0..<claimCount).map { _ in Fr.randomElements(6, using: &rng) }
        var transcript = Transcript(domain: pcsDomain)
        let (values, proof) = scheme.open(proverData, at: points, transcript: &transcript)
        self.proof = proof
        claims = zip(points, values).map { EvaluationClaim(point: $0, value: $1) }
    }

    /// The query positions of the honest single-claim opening.
    var honestQueries: [Int] {
        var transcript = Transcript(domain: pcsDomain)
        return forger.open(at: claims[0].point, claiming: claims[0].value, transcript: &transcript).queries
    }

    func verify(
        _ proof: LigeroOpeningProof? = nil, claims: [EvaluationClaim]? = nil,
        commitment: LigeroCommitmentScheme.Commitment? = nil, transcript: Transcript = Transcript(domain: pcsDomain)
    ) throws(VerificationError) {
        var transcript = transcript
        try scheme.verify(commitment ?? self.commitment, claims: claims ?? self.claims, proof: proof ?? self.proof,
                          transcript: &transcript)
    }

    var encoded: [UInt8] { proof.encoded(parameters: parameters, layout: layout, claimCount: claims.count) }

    func decode(
        _ bytes: [UInt8], parameters: LigeroParameters? = nil, layout: LigeroLayout? = nil, claimCount: Int? = nil
    ) throws(DecodingError) -> LigeroOpeningProof {
        try LigeroOpeningProof(decoding: bytes, parameters: parameters ?? self.parameters, layout: layout ?? self.layout,
                               claimCount: claimCount ?? claims.count)
    }
}

private let singleClaim = LigeroFixture(claimCount: 1)
private let twoClaims = LigeroFixture(claimCount: 2)

@Test func ligeroFixtureIsHonest() throws {
    let layout = singleClaim.layout
    #expect(layout.logRows == 2 && layout.logColumns == 4 && layout.logInverseRate == 2 && layout.logCodewordLength == 6)
    try singleClaim.verify()
    try twoClaims.verify()
}

// MARK: Tampered openings

@Test func ligeroRejectsATamperedColumnElementByItsMerklePath() {
    // The leaf is the hash of the whole column, so the path check is what fails.
    var proof = singleClaim.proof
    proof.columns[3][1] = proof.columns[3][1] + .one
    let column = singleClaim.honestQueries[3]
    let error = #expect(throws: VerificationError.self, "seed \(LigeroFixture.seed)") { try singleClaim.verify(proof) }
    guard case let .openingMerklePathInvalid(query: 3, column: reportedColumn, reason: .rootMismatch(leafIndex, expected, _))? = error else {
        Issue.record("expected an invalid Merkle path at query 3, got \(String(describing: error))"); return
    }
    #expect(reportedColumn == column && leafIndex == column && expected == singleClaim.commitment.root)
}

@Test func ligeroRejectsATamperedMerkleSibling() {
    var proof = singleClaim.proof
    proof.paths[7][2] = SHA256.hash([7, 2])
    let error = #expect(throws: VerificationError.self, "seed \(LigeroFixture.seed)") { try singleClaim.verify(proof) }
    guard case .openingMerklePathInvalid(query: 7, column: singleClaim.honestQueries[7], reason: .rootMismatch)? = error else {
        Issue.record("expected an invalid Merkle path at query 7, got \(String(describing: error))"); return
    }
}

@Test func ligeroRejectsAMerklePathOfTheWrongLength() {
    var proof = singleClaim.proof
    proof.paths[5].removeLast()
    #expect(throws: VerificationError.openingMerklePathInvalid(
        query: 5, column: singleClaim.honestQueries[5], reason: .pathLengthMismatch(expected: 6, got: 5))) {
        try singleClaim.verify(proof)
    }
}

/// A proximity row that is not the γ-combination of the committed rows: the queries are
/// re-derived from the lie and the columns are genuine, so the column check is what catches it
/// (its encoding differs from the true one at every position, hence at the first query).
@Test func ligeroRejectsAProximityRowThatIsNotTheCombinationOfTheRows() {
    let claim = singleClaim.claims[0]
    var transcript = Transcript(domain: pcsDomain)
    let (proof, queries) = singleClaim.forger.open(
        at: claim.point, claiming: claim.value, transcript: &transcript,
        alterProximityRow: { row in [row[0] + .one] + row.dropFirst() })
    #expect(throws: VerificationError.openingColumnMismatch(query: 0, column: queries[0], combination: "proximity")) {
        try singleClaim.verify(proof)
    }
}

@Test func ligeroRejectsAnEvaluationRowThatIsNotTheCombinationOfTheRows() {
    let claim = singleClaim.claims[0]
    var transcript = Transcript(domain: pcsDomain)
    let (proof, queries) = singleClaim.forger.open(
        at: claim.point, claiming: claim.value, transcript: &transcript,
        alterEvaluationRow: { row in row.dropLast() + [row[row.count - 1] + .one] })
    #expect(throws: VerificationError.openingColumnMismatch(query: 0, column: queries[0], combination: "evaluation")) {
        try singleClaim.verify(proof)
    }
}

@Test func ligeroRejectsAWrongClaimedValue() {
    let claim = singleClaim.claims[0]
    let wrong = EvaluationClaim(point: claim.point, value: claim.value + .one)

    // Honest rows with a wrong claim: every column check passes, the final inner product does not.
    var transcript = Transcript(domain: pcsDomain)
    let (honestRows, _) = singleClaim.forger.open(at: wrong.point, claiming: wrong.value, transcript: &transcript)
    #expect(throws: VerificationError.openingEvaluationMismatch(expected: wrong.value, got: claim.value)) {
        try singleClaim.verify(honestRows, claims: [wrong])
    }

    // A consistent lie: the evaluation row is shifted so that ⟨v, eq(r_lo)⟩ equals the wrong
    // value; then v is no longer the combination of the committed rows and the columns say so.
    let columnWeights = EqualityPolynomial.table(at: Array(claim.point[..<singleClaim.layout.logColumns]))
    transcript = Transcript(domain: pcsDomain)
    let (shifted, queries) = singleClaim.forger.open(
        at: wrong.point, claiming: wrong.value, transcript: &transcript,
        alterEvaluationRow: { row in [row[0] + (columnWeights[0].inverse ?? .zero)] + row.dropFirst() })
    #expect(throws: VerificationError.openingColumnMismatch(query: 0, column: queries[0], combination: "evaluation")) {
        try singleClaim.verify(shifted, claims: [wrong])
    }

    // The honest proof against a wrong value: the value is absorbed before the queries are drawn,
    // so the verifier queries other columns and the opened ones fail their Merkle paths.
    let error = #expect(throws: VerificationError.self) { try singleClaim.verify(claims: [wrong]) }
    #expect(caseName(of: error) == "openingMerklePathInvalid", "seed \(LigeroFixture.seed)")
}

@Test func ligeroRejectsAWrongPoint() {
    // The true value at another point, with the proof for the original point: the point is
    // absorbed, so the queries move and the first opened column fails its Merkle path.
    var rng = SplitMix64(seed: LigeroFixture.seed + 1)
    let point = Fr.randomElements(6, using: &rng)
    let claim = EvaluationClaim(point: point, value: singleClaim.polynomial.evaluate(at: point))
    let error = #expect(throws: VerificationError.self) { try singleClaim.verify(claims: [claim]) }
    guard case .openingMerklePathInvalid(query: 0, _, reason: .rootMismatch)? = error else {
        Issue.record("expected an invalid Merkle path at query 0, got \(String(describing: error))"); return
    }
}

@Test func ligeroRejectsAPointOfTheWrongDimension() {
    let claim = singleClaim.claims[0]
    let longer = EvaluationClaim(point: claim.point + [.one], value: claim.value)
    #expect(throws: VerificationError.openingPointDimensionMismatch(claim: 0, expected: 6, got: 7)) {
        try singleClaim.verify(claims: [longer])
    }
    let shorter = EvaluationClaim(point: Array(claim.point.dropLast()), value: claim.value)
    #expect(throws: VerificationError.openingPointDimensionMismatch(claim: 1, expected: 6, got: 5)) {
        try twoClaims.verify(claims: [twoClaims.claims[0], shorter])
    }
}

@Test func ligeroRejectsAnotherCommitment() {
    // A different root: no opened column leads to it.
    let wrongRoot = LigeroCommitmentScheme.Commitment(root: SHA256.hash([0]), variableCount: 6)
    // The commitment of another polynomial of the same size.
    var rng = SplitMix64(seed: LigeroFixture.seed + 2)
    let other = singleClaim.scheme.commit(DenseMultilinearPolynomial.random(variableCount: 6, using: &rng)).commitment
    for commitment in [wrongRoot, other] {
        let error = #expect(throws: VerificationError.self) { try singleClaim.verify(commitment: commitment) }
        guard case .openingMerklePathInvalid(query: 0, _, reason: .rootMismatch(_, expected: commitment.root, _))? = error else {
            Issue.record("expected an invalid Merkle path at query 0, got \(String(describing: error))"); continue
        }
    }
    // A commitment to a polynomial in 7 variables: the claims' points are too short for it.
    let wider = LigeroCommitmentScheme.Commitment(root: singleClaim.commitment.root, variableCount: 7)
    #expect(throws: VerificationError.openingPointDimensionMismatch(claim: 0, expected: 7, got: 6)) {
        try singleClaim.verify(commitment: wider)
    }
}

/// A verifier whose transcript saw one more entry than the prover's draws other challenges.
@Test func ligeroRejectsAVerifierTranscriptInAnotherState() {
    var transcript = Transcript(domain: pcsDomain)
    transcript.absorb(TranscriptLabel("out of order"), bytes: [])

    // One claim: other queries, so the opened columns fail their Merkle paths.
    let single = #expect(throws: VerificationError.self) { try singleClaim.verify(transcript: transcript) }
    guard case .openingMerklePathInvalid(query: 0, _, _)? = single else {
        Issue.record("expected an invalid Merkle path at query 0, got \(String(describing: single))"); return
    }
    // Two claims: another batching coefficient α, so the batched sum fails the sumcheck's round 0.
    let batched = #expect(throws: VerificationError.self) { try twoClaims.verify(transcript: transcript) }
    guard case .sumcheckRoundSumMismatch(round: 0, _, _)? = batched else {
        Issue.record("expected a round-0 sumcheck mismatch, got \(String(describing: batched))"); return
    }
}

@Test func ligeroRejectsATamperedBatchingSumcheck() {
    var proof = twoClaims.proof
    let finals = proof.batching?.finalEvaluations[0] ?? []
    proof.batching?.finalEvaluations[0][0] = finals[0] + .one
    let error = #expect(throws: VerificationError.self) { try twoClaims.verify(proof) }
    #expect(caseName(of: error) == "sumcheckFinalEvaluationMismatch")
    // Keep the product f(ρ)·W(ρ), which the sumcheck checks, but move a factor 2 from W to f:
    // the verifier recomputes W(ρ) = Σ_j α^j eq(r_j, ρ) itself and notices.
    proof = twoClaims.proof
    let halfWeight = finals[1] * (Fr(2).inverse ?? .zero)
    proof.batching?.finalEvaluations[0] = [finals[0] * Fr(2), halfWeight]
    #expect(throws: VerificationError.openingEvaluationMismatch(expected: finals[1], got: halfWeight)) {
        try twoClaims.verify(proof)
    }
}

@Test func ligeroRejectsProofsOfTheWrongShape() {
    #expect(throws: VerificationError.openingClaimCountMismatch(expected: 1, got: 0)) { try singleClaim.verify(claims: []) }

    var noBatching = twoClaims.proof
    noBatching.batching = nil
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "batching sumcheck count", expected: 1, got: 0)) {
        try twoClaims.verify(noBatching)
    }
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "batching sumcheck count", expected: 0, got: 1)) {
        try singleClaim.verify(twoClaims.proof, claims: [twoClaims.claims[0]])
    }
    var shortRow = singleClaim.proof
    shortRow.proximityRow.removeLast()
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "proximity row length", expected: 16, got: 15)) {
        try singleClaim.verify(shortRow)
    }
    var longRow = singleClaim.proof
    longRow.evaluationRow.append(.zero)
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "evaluation row length", expected: 16, got: 17)) {
        try singleClaim.verify(longRow)
    }
    var missingColumn = singleClaim.proof
    missingColumn.columns.removeLast()
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "opened column count", expected: 20, got: 19)) {
        try singleClaim.verify(missingColumn)
    }
    var shortColumn = singleClaim.proof
    shortColumn.columns[4].removeLast()
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "length of opened column 4", expected: 4, got: 3)) {
        try singleClaim.verify(shortColumn)
    }
}

// MARK: Decoding

@Test func ligeroDecodingRejectsEveryTruncation() {
    for fixture in [singleClaim, twoClaims] {
        let encoded = fixture.encoded
        expectEvery(0..<encoded.count, "\(fixture.claims.count) claims: every truncation is reported as truncated (lengths listed)") { length in
            caseName(of: thrownError { _ = try fixture.decode(Array(encoded[..<length])) } as? DecodingError) == "truncated"
        }
    }
}

@Test func ligeroDecodingRejectsTrailingBytes() {
    let encoded = singleClaim.encoded
    #expect(throws: DecodingError.trailingBytes(offset: encoded.count, count: 1)) { _ = try singleClaim.decode(encoded + [0]) }
    #expect(throws: DecodingError.trailingBytes(offset: encoded.count, count: 32)) {
        _ = try singleClaim.decode(encoded + [UInt8](repeating: 0, count: 32))
    }
}

@Test func ligeroDecodingRejectsAMismatchedHeader() {
    let encoded = singleClaim.encoded
    // "ZKLO" ‖ u16 version ‖ u8 logInverseRate ‖ u16 queryCount ‖ u8 logRows ‖ u8 logColumns ‖ u32 claimCount
    #expect(Array(encoded[0..<15]) == Array("ZKLO".utf8) + [1, 0, 2, 20, 0, 2, 4, 1, 0, 0, 0])

    #expect(throws: DecodingError.badMagic(expected: Array("ZKLO".utf8), got: Array("ZKLP".utf8))) {
        _ = try singleClaim.decode(flipping(encoded, at: 3, with: 0x1F))
    }
    #expect(throws: DecodingError.unsupportedVersion(what: "opening proof", got: 2, supported: 1)) {
        _ = try singleClaim.decode(flipping(encoded, at: 4, with: 0x03))
    }
    // Each header field must match what the verifier expects.
    typealias Mismatch = (what: String, bytes: [UInt8], parameters: LigeroParameters?, layout: LigeroLayout?, claimCount: Int?)
    func layout(logRows: Int, logColumns: Int) -> LigeroLayout {
        var layout = singleClaim.layout
        (layout.logRows, layout.logColumns) = (logRows, logColumns)
        return layout
    }
    let mismatches: [Mismatch] = [
        ("log inverse rate", encoded, LigeroParameters(logInverseRate: 3, queryCount: 20), nil, nil),
        ("query count", encoded, LigeroParameters(logInverseRate: 2, queryCount: 21), nil, nil),
        ("query count", flipping(encoded, at: 7, with: 0x01), nil, nil, nil),
        ("log rows", encoded, nil, layout(logRows: 3, logColumns: 4), nil),
        ("log columns", encoded, nil, layout(logRows: 2, logColumns: 3), nil),
        ("claim count", encoded, nil, nil, 2),
    ]
    for mismatch in mismatches {
        let error = #expect(throws: DecodingError.self, "\(mismatch.what)") {
            _ = try singleClaim.decode(mismatch.bytes, parameters: mismatch.parameters, layout: mismatch.layout,
                                       claimCount: mismatch.claimCount)
        }
        guard case .invalidValue(what: mismatch.what, _, _)? = error else {
            Issue.record("expected an invalid \(mismatch.what), got \(String(describing: error))"); continue
        }
    }
}

@Test func ligeroDecodingRejectsANonCanonicalFieldElement() {
    var encoded = singleClaim.encoded
    // The first element of the proximity row, right after the 15-byte header, set to 2^256 − 1.
    encoded.replaceSubrange(15..<47, with: [UInt8](repeating: 0xFF, count: 32))
    #expect(throws: DecodingError.nonCanonicalFieldElement(what: "proximity row", offset: 15)) { _ = try singleClaim.decode(encoded) }
}

/// Every single-byte change of an encoded opening is rejected, by the decoder or by the
/// verifier: no byte of the format is free, and nothing traps.
@Test(arguments: [1, 2])
func ligeroRejectsEverySingleByteMutation(claimCount: Int) {
    let fixture = claimCount == 1 ? singleClaim : twoClaims
    let seed = LigeroFixture.seed + 100 + UInt64(claimCount)
    var rng = SplitMix64(seed: seed)
    let encoded = fixture.encoded
    var reachedTheVerifier = 0
    let mutations = (0..<320).map { trial in
        // The 15 header bytes densely first, then uniformly random positions.
        (index: trial < 45 ? trial % 15 : Int(rng.next() % UInt64(encoded.count)), xor: UInt8(1 + rng.next() % 255))
    }
    expectEvery(mutations, "seed \(seed): every mutated opening is rejected (byte index, xor listed)") { index, xor in
        guard let proof = try? fixture.decode(flipping(encoded, at: index, with: xor)) else { return true }
        reachedTheVerifier += 1
        return thrownError { try fixture.verify(proof) } is VerificationError
    }
    #expect(reachedTheVerifier > 200, "seed \(seed): most mutations should get past the decoder")
}

// MARK: Commitment encoding

@Test func ligeroCommitmentDecodingRejectsMalformedBytes() {
    let encoded = singleClaim.commitment.encoded
    #expect(encoded == [1, 6] + singleClaim.commitment.root.bytes)
    #expect(throws: DecodingError.unsupportedVersion(what: "commitment", got: 2, supported: 1)) {
        _ = try LigeroCommitmentScheme.Commitment(decoding: [2] + encoded.dropFirst())
    }
    #expect(throws: DecodingError.limitExceeded(what: "variable count", offset: 1, value: 41, limit: 40)) {
        _ = try LigeroCommitmentScheme.Commitment(decoding: [1, 41] + encoded.dropFirst(2))
    }
    #expect(throws: DecodingError.trailingBytes(offset: 34, count: 1)) {
        _ = try LigeroCommitmentScheme.Commitment(decoding: encoded + [0])
    }
    expectEvery(0..<encoded.count, "every truncated commitment is reported as truncated (lengths listed)") { length in
        caseName(of: thrownError { _ = try LigeroCommitmentScheme.Commitment(decoding: Array(encoded[..<length])) } as? DecodingError) == "truncated"
    }
}

// MARK: Trivial scheme

@Test func trivialCommitmentRejectsWrongValuesAndTamperedEvaluations() {
    let seed: UInt64 = 0x7217_0001
    var rng = SplitMix64(seed: seed)
    let scheme = TrivialCommitmentScheme()
    let polynomial = DenseMultilinearPolynomial.random(variableCount: 4, using: &rng)
    let point = Fr.randomElements(4, using: &rng)
    let (commitment, proverData) = scheme.commit(polynomial)
    var transcript = Transcript(domain: pcsDomain)
    let (values, proof) = scheme.open(proverData, at: [point], transcript: &transcript)
    func verify(_ proof: TrivialCommitmentScheme.OpeningProof, _ claims: [EvaluationClaim]) throws(VerificationError) {
        var transcript = Transcript(domain: pcsDomain)
        try scheme.verify(commitment, claims: claims, proof: proof, transcript: &transcript)
    }
    let claim = EvaluationClaim(point: point, value: values[0])

    #expect(throws: Never.self) { try verify(proof, [claim]) }
    #expect(throws: VerificationError.openingEvaluationMismatch(expected: values[0] + .one, got: values[0]), "seed \(seed)") {
        try verify(proof, [EvaluationClaim(point: point, value: values[0] + .one)])
    }
    var tampered = proof
    tampered.evaluations[5] = tampered.evaluations[5] + .one
    let error = #expect(throws: VerificationError.self, "seed \(seed)") { try verify(tampered, [claim]) }
    #expect(caseName(of: error) == "commitmentParametersMismatch")
    var truncated = proof
    truncated.evaluations.removeLast(8)
    #expect(throws: VerificationError.commitmentShapeMismatch(what: "revealed evaluations", expected: 16, got: 8)) {
        try verify(truncated, [claim])
    }
    #expect(throws: VerificationError.openingPointDimensionMismatch(claim: 0, expected: 4, got: 3)) {
        try verify(proof, [EvaluationClaim(point: Array(point.dropLast()), value: values[0])])
    }
}
