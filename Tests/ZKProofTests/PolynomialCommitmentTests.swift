import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

let pcsDomain = "zkinfer.tests.pcs"

/// A fast Ligero configuration for tests (soundness is irrelevant here; code paths are the same).
let smallLigeroParameters = LigeroParameters(logInverseRate: 2, queryCount: 20)

/// Commits to a random polynomial, then for 1, 2 and 5 claims: opens, checks the values are the
/// true evaluations, verifies, checks prover and verifier transcripts end equal, and hands the
/// commitment and proof to `checkEncoding`.
private func checkCommitOpenVerify<Scheme: PolynomialCommitmentScheme>(
    _ scheme: Scheme, variableCount: Int, seed: UInt64,
    checkEncoding: (Scheme.Commitment, Scheme.OpeningProof, _ claimCount: Int) throws -> Void = { _, _, _ in }
) throws {
    var rng = SplitMix64(seed: seed)
    let polynomial = DenseMultilinearPolynomial.random(variableCount: variableCount, using: &rng)
    let (commitment, proverData) = scheme.commit(polynomial)

    for claimCount in [1, 2, 5] {
        let context: Comment = "seed \(seed), \(variableCount) variables, \(claimCount) claims"
        let points = (0..<claimCount).map { _ in Fr.randomElements(variableCount, using: &rng) }
        // Both sides share some earlier protocol history.
        var proverTranscript = Transcript(domain: pcsDomain)
        proverTranscript.absorb(TranscriptLabel("earlier"), uint64: seed)
        var verifierTranscript = proverTranscript

        let (values, proof) = scheme.open(proverData, at: points, transcript: &proverTranscript)
        #expect(values == points.map { polynomial.evaluate(at: $0) }, context)
        let claims = zip(points, values).map { EvaluationClaim(point: $0, value: $1) }
        #expect(throws: Never.self, context) {
            try scheme.verify(commitment, claims: claims, proof: proof, transcript: &verifierTranscript)
        }
        #expect(proverTranscript.state == verifierTranscript.state, context)
        try checkEncoding(commitment, proof, claimCount)
    }
}

@Test(arguments: [0, 1, 3, 8, 12, 16])
func trivialCommitmentOpensAndVerifies(variableCount: Int) throws {
    try checkCommitOpenVerify(TrivialCommitmentScheme(), variableCount: variableCount, seed: 0xC0_0000 + UInt64(variableCount))
}

@Test(arguments: [0, 1, 3, 8, 12])
func pedersenCommitmentOpensAndVerifies(variableCount: Int) throws {
    try checkCommitOpenVerify(PedersenCommitmentScheme(), variableCount: variableCount, seed: 0xC2_0000 + UInt64(variableCount))
}

@Test(arguments: [LigeroParameters.standard, smallLigeroParameters], [0, 1, 3, 8, 12, 16])
func ligeroCommitmentOpensAndVerifies(parameters: LigeroParameters, variableCount: Int) throws {
    let seed = 0xC1_0000 + UInt64(parameters.queryCount << 8 | variableCount)
    let scheme = LigeroCommitmentScheme(parameters: parameters)
    let layout = parameters.layout(variableCount: variableCount)
    #expect(layout.variableCount == variableCount && layout.logInverseRate == parameters.logInverseRate)

    try checkCommitOpenVerify(scheme, variableCount: variableCount, seed: seed) { commitment, proof, claimCount in
        let context: Comment = "seed \(seed), \(variableCount) variables, \(claimCount) claims"
        #expect(commitment.variableCount == variableCount, context)
        #expect(proof.columns.count == parameters.queryCount && proof.paths.count == parameters.queryCount, context)
        #expect((proof.batching != nil) == (claimCount > 1), context)

        let encoded = proof.encoded(parameters: parameters, layout: layout, claimCount: claimCount)
        let decoded = try LigeroOpeningProof(decoding: encoded, parameters: parameters, layout: layout, claimCount: claimCount)
        #expect(decoded == proof, context)
        #expect(firstDifference(decoded.encoded(parameters: parameters, layout: layout, claimCount: claimCount), encoded) == nil, context)

        #expect(commitment.encoded.count == 34, context)
        #expect(try LigeroCommitmentScheme.Commitment(decoding: commitment.encoded) == commitment, context)
    }
}

/// The library's commitment and opening equal the construction rebuilt in the tests from its
/// documentation (`LigeroOpeningForger` used honestly): RS-encoded rows, column leaves, Merkle
/// root, transcript order and query positions.
@Test(arguments: [0, 1, 4, 6, 9])
func ligeroOpeningFollowsItsDocumentedConstruction(variableCount: Int) {
    let seed = 0xC2_0000 + UInt64(variableCount)
    var rng = SplitMix64(seed: seed)
    let polynomial = DenseMultilinearPolynomial.random(variableCount: variableCount, using: &rng)
    let point = Fr.randomElements(variableCount, using: &rng)
    let scheme = LigeroCommitmentScheme(parameters: smallLigeroParameters)
    let (commitment, proverData) = scheme.commit(polynomial)
    let forger = LigeroOpeningForger(parameters: smallLigeroParameters, polynomial: polynomial)
    #expect(forger.commitment == commitment && proverData.commitment == commitment, "seed \(seed)")
    #expect(proverData.layout == forger.layout && proverData.polynomial == polynomial, "seed \(seed)")

    var libraryTranscript = Transcript(domain: pcsDomain)
    let (values, proof) = scheme.open(proverData, at: [point], transcript: &libraryTranscript)
    var forgerTranscript = Transcript(domain: pcsDomain)
    let (forged, _) = forger.open(at: point, claiming: polynomial.evaluate(at: point), transcript: &forgerTranscript)
    #expect(values == [polynomial.evaluate(at: point)], "seed \(seed)")
    #expect(forged == proof, "seed \(seed)")
    #expect(forgerTranscript.state == libraryTranscript.state, "seed \(seed)")
}

// MARK: Parameters

/// The standard parameters reach 100 bits for 2^20-element polynomials with this layout:
/// 2^7 rows × 2^13 columns, codewords of 2^16 (rate 1/8), 122 queries. Among all splits it
/// minimises the estimated opening size 32·(2·2^b + 122·(2^(20−b) + b + 3)) bytes:
/// b = 12 gives 1,320,128, b = 13 gives 1,086,464, b = 14 gives 1,364,800.
@Test func standardLigeroParametersGiveHundredBitsAtTwentyVariables() {
    let parameters = LigeroParameters.standard
    #expect(parameters.logInverseRate == 3 && parameters.queryCount == 122)
    #expect(parameters.soundnessBits(variableCount: 20) >= 100)
    #expect(parameters.soundnessBits(variableCount: 20) < 102, "((1 + 1/8)/2)^122 = 2^-101.3 dominates")
    let layout = parameters.layout(variableCount: 20)
    #expect(layout.logRows == 7 && layout.logColumns == 13 && layout.logInverseRate == 3)
    #expect(layout.rowCount == 128 && layout.columnCount == 8192 && layout.codewordLength == 1 << 16)
    // Batching many claims costs a negligible (2v + s)/|F|; fewer queries cost soundness.
    #expect(parameters.soundnessBits(variableCount: 20, claimCount: 100) >= 100)
    #expect(LigeroParameters(logInverseRate: 3, queryCount: 61).soundnessBits(variableCount: 20) < 51)
    // Every layout up to 40 variables fits the NTT (2-adicity 28).
    for variableCount in 0...40 {
        #expect(parameters.layout(variableCount: variableCount).logCodewordLength <= NTTDomain.maximumLogSize)
    }
}
