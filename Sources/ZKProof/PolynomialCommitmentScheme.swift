import ZKAlgebra

/// A commitment scheme for multilinear polynomials: commit once, then prove evaluations.
///
/// `ProverData` never leaves the prover. `open` and `verify` absorb the commitment and the claims
/// into the transcript themselves, so a caller cannot forget to bind them. Several evaluation
/// claims on one polynomial are proven by one opening.
public protocol PolynomialCommitmentScheme: Sendable {
    associatedtype Commitment: Sendable, Equatable
    associatedtype ProverData
    associatedtype OpeningProof: Sendable, Equatable

    func commit(_ polynomial: DenseMultilinearPolynomial) -> (commitment: Commitment, proverData: ProverData)

    /// Proves the polynomial's values at `points`; returns them with one proof covering all.
    func open(
        _ proverData: ProverData, at points: [[Fr]], transcript: inout Transcript
    ) -> (values: [Fr], proof: OpeningProof)

    /// Throws unless `proof` shows the committed polynomial takes every claimed value.
    func verify(
        _ commitment: Commitment, claims: [EvaluationClaim], proof: OpeningProof, transcript: inout Transcript
    ) throws(VerificationError)
}
