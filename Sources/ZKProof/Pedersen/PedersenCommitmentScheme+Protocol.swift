import ZKAlgebra

/// The shared commitment interface, with the prover's randomness from the system CSPRNG: the
/// form protocols written against `PolynomialCommitmentScheme` use. The `random:` overloads
/// remain for tests and golden files that need reproducible proofs.
extension PedersenCommitmentScheme: PolynomialCommitmentScheme {
    public func commit(_ polynomial: DenseMultilinearPolynomial) -> (commitment: Commitment, proverData: ProverData) {
        var random = ProverRandomness.system
        return commit(polynomial, random: &random)
    }

    public func open(_ proverData: ProverData, at points: [[Fr]], transcript: inout Transcript) -> (values: [Fr], proof: OpeningProof) {
        var random = ProverRandomness.system
        return open(proverData, at: points, transcript: &transcript, random: &random)
    }
}
