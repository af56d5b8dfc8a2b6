import ZKAlgebra

/// Test-only commitment: the "commitment" is a hash of all evaluations and an opening reveals
/// the whole polynomial. Binding but neither succinct nor hiding; it lets protocols be tested
/// without the real scheme in the way.
public struct TrivialCommitmentScheme: PolynomialCommitmentScheme {
    /// A hash of the evaluations: binding, not hiding, and opened by sending them all.
    public struct Commitment: Sendable, Equatable {
        public var digest: Digest
        public var variableCount: Int
    }

    /// Every evaluation of the polynomial (the verifier evaluates the claims itself).
    public struct OpeningProof: Sendable, Equatable {
        public var evaluations: [Fr]
    }

    public init() {}

    static func digest(of evaluations: [Fr]) -> Digest {
        SHA256.hash(Transcript.encode(evaluations))
    }

    public func commit(_ polynomial: DenseMultilinearPolynomial) -> (commitment: Commitment, proverData: DenseMultilinearPolynomial) {
        (Commitment(digest: Self.digest(of: polynomial.evaluations), variableCount: polynomial.variableCount), polynomial)
    }

    public func open(
        _ proverData: DenseMultilinearPolynomial, at points: [[Fr]], transcript: inout Transcript
    ) -> (values: [Fr], proof: OpeningProof) {
        let values = points.map { proverData.evaluate(at: $0) }
        let commitment = Commitment(digest: Self.digest(of: proverData.evaluations), variableCount: proverData.variableCount)
        Self.absorbClaims(commitment, points: points, values: values, &transcript)
        return (values, OpeningProof(evaluations: proverData.evaluations))
    }

    /// Binds the commitment, the points and the values, as `PolynomialCommitmentScheme` requires.
    static func absorbClaims(_ commitment: Commitment, points: [[Fr]], values: [Fr], _ transcript: inout Transcript) {
        transcript.absorb(.pcsClaims, digest: commitment.digest)
        transcript.absorb(.pcsClaims, uint64: UInt64(commitment.variableCount))
        transcript.absorb(.pcsClaims, uint64: UInt64(points.count))
        for point in points { transcript.absorb(.pcsClaims, fields: point) }
        transcript.absorb(.pcsClaims, fields: values)
    }

    public func verify(
        _ commitment: Commitment, claims: [EvaluationClaim], proof: OpeningProof, transcript: inout Transcript
    ) throws(VerificationError) {
        Self.absorbClaims(commitment, points: claims.map(\.point), values: claims.map(\.value), &transcript)
        guard proof.evaluations.count == 1 << commitment.variableCount else {
            throw .commitmentShapeMismatch(what: "revealed evaluations", expected: 1 << commitment.variableCount,
                                           got: proof.evaluations.count)
        }
        guard Self.digest(of: proof.evaluations) == commitment.digest else {
            throw .commitmentParametersMismatch(reason: "revealed polynomial does not match the commitment")
        }
        let polynomial = DenseMultilinearPolynomial(evaluations: proof.evaluations)
        for (index, claim) in claims.enumerated() {
            guard claim.point.count == commitment.variableCount else {
                throw .openingPointDimensionMismatch(claim: index, expected: commitment.variableCount, got: claim.point.count)
            }
            let value = polynomial.evaluate(at: claim.point)
            guard value == claim.value else { throw .openingEvaluationMismatch(expected: claim.value, got: value) }
        }
    }
}
