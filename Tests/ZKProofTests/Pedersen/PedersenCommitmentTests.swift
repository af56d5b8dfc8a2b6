import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

@Suite("Pedersen commitment (Hyrax layout)")
struct PedersenCommitmentTests {
    @Test(arguments: [(1, 1, true), (2, 3, false), (7, 2, true), (10, 4, true), (11, 1, false)])
    func openingsVerifyAndProveTheRightValues(variableCount: Int, claimCount: Int, small: Bool) throws {
        let fixture = PedersenFixture(variableCount: variableCount, claimCount: claimCount, small: small, seed: UInt64(variableCount * 10 + claimCount))
        #expect(fixture.commitment.rows.count == fixture.commitment.layout.rowCount)
        for claim in fixture.claims { #expect(claim.value == fixture.polynomial.evaluateNaive(at: claim.point)) }
        try fixture.verify()
        // Encodings round-trip, byte for byte.
        let bytes = fixture.encodedProof
        #expect(bytes.count == claimCount * InnerProductArgument.byteCount(rounds: fixture.commitment.layout.logColumns))
        #expect(try fixture.decodeProof(bytes) == fixture.proof)
        var reader = ByteReader(fixture.commitment.encoded)
        #expect(try PedersenCommitmentScheme.Commitment(decoding: &reader) == fixture.commitment)
    }

    @Test func committedValuesVerifyAndBindTheValue() throws {
        var generator = SeededGenerator(seed: 77)
        let scheme = PedersenCommitmentScheme()
        let polynomial = DenseMultilinearPolynomial(evaluations: (0..<256).map { _ in Fr.random(using: &generator) })
        let (commitment, data) = scheme.commit(polynomial, random: &generator)
        let points = (0..<2).map { _ in (0..<8).map { _ in Fr.random(using: &generator) } }
        let blindings = [Fr.random(using: &generator), Fr.random(using: &generator)]
        var transcript = Transcript(domain: "committed")
        let (values, valueCommitments, proof) = scheme.openCommitted(data, at: points, valueBlindings: blindings,
                                                                     transcript: &transcript, random: &generator)
        #expect(values == points.map { polynomial.evaluate(at: $0) })
        var verifier = Transcript(domain: "committed")
        try scheme.verifyCommitted(commitment, points: points, valueCommitments: valueCommitments, proof: proof, transcript: &verifier)
        #expect(verifier.state == transcript.state, "prover and verifier transcripts end in the same state")
        // A commitment to another value (same blinding) is refused.
        let other = MultiScalarMultiplication.multiply([PedersenGenerators.value, PedersenGenerators.blinding],
                                                       [values[0] + .one, blindings[0]]).affine
        var again = Transcript(domain: "committed")
        #expect(throws: VerificationError.self) {
            try scheme.verifyCommitted(commitment, points: points, valueCommitments: [other, valueCommitments[1]], proof: proof, transcript: &again)
        }
    }

    @Test func aSeededCommitmentIsReproducibleAndReopenable() throws {
        var generator = SeededGenerator(seed: 8)
        let scheme = PedersenCommitmentScheme()
        let polynomial = DenseMultilinearPolynomial(evaluations: (0..<512).map { _ in Fr(Int64(Int16(truncatingIfNeeded: generator.next()))) })
        let seed = BlindingSeed(random: &generator)
        let (commitment, _) = scheme.commit(polynomial, blindingSeed: seed)
        #expect(scheme.commit(polynomial, blindingSeed: seed).commitment == commitment, "same seed, same rows")
        #expect(scheme.commit(polynomial, blindingSeed: BlindingSeed(random: &generator)).commitment != commitment)
        // Rebuilt without group operations, the prover data opens the commitment.
        let data = scheme.proverData(polynomial, commitment: commitment, blindingSeed: seed)
        let point = (0..<9).map { _ in Fr.random(using: &generator) }
        var transcript = Transcript(domain: "seeded")
        let (values, proof) = scheme.open(data, at: [point], transcript: &transcript, random: &generator)
        var verifier = Transcript(domain: "seeded")
        try scheme.verify(commitment, claims: [EvaluationClaim(point: point, value: values[0])], proof: proof, transcript: &verifier)
        #expect(BlindingSeed(bytes: seed.bytes) == seed && BlindingSeed(bytes: [1, 2]) == nil)
    }

    @Test func twoCommitmentsToOnePolynomialDiffer() {
        var generator = SeededGenerator(seed: 5)
        let polynomial = DenseMultilinearPolynomial(evaluations: (0..<64).map { Fr(UInt64($0)) })
        let first = PedersenCommitmentScheme().commit(polynomial, random: &generator).commitment
        let second = PedersenCommitmentScheme().commit(polynomial, random: &generator).commitment
        #expect(first.rows.indices.allSatisfy { first.rows[$0] != second.rows[$0] }, "fresh blindings hide equal rows")
    }
}
