import ZKAlgebra

/// The prover's side of a commit-and-prove proof stream. Instead of sending a hidden scalar it
/// sends a commitment V = x·U + β·H (β fresh from `random`), and every check the verifier would
/// have made on the scalar becomes a relation over commitments:
/// - linear relations (`requireZero`) are collected and proven all at once by `finish`, with one
///   Schnorr proof (`LinearRelationProof`);
/// - polynomial relations are proven where they arise (`PolynomialRelationProof`).
/// Every commitment is written to the proof and absorbed into the transcript in the same call,
/// so no challenge can be drawn before the commitments it depends on.
public struct HidingProver {
    public var transcript: Transcript
    public var writer = ByteWriter()
    public var random: ProverRandomness
    /// The committed scalars and their blindings, by index.
    private(set) var values: [Fr] = []
    private(set) var blindings: [Fr] = []
    /// Linear forms that must vanish.
    private(set) var relations: [CommittedValue] = []

    public init(transcript: Transcript, random: ProverRandomness) {
        self.transcript = transcript
        self.random = random
    }


    /// Commits to `scalars` (one absorb for the batch) and returns them as committed values.
    public mutating func commit(_ scalars: [Fr]) -> [CommittedValue] {
        guard !scalars.isEmpty else { return [] }
        let fresh = scalars.map { _ in Fr.random(using: &random) }
        let points = ScalarCommitment.commit(scalars, blindings: fresh)
        let first = values.count
        values += scalars
        blindings += fresh
        let bytes = points.flatMap(\.uncompressed)
        writer.write(raw: bytes)
        transcript.absorb(.hidingCommitments, bytes: bytes)
        return (first..<values.count).map { CommittedValue(committed: $0) }
    }

    public mutating func commit(_ scalar: Fr) -> CommittedValue { commit([scalar])[0] }

    /// The value a committed form stands for.
    public func value(of form: CommittedValue) -> Fr { form.evaluate(values) }

    /// The blinding of the commitment Σ a_k·V_k + c·U that a verifier computes for `form`.
    package func blinding(of form: CommittedValue) -> Fr { form.evaluate(blindings, includingConstant: false) }

    /// Records that `form` is zero (the prover's own relations hold by construction).
    public mutating func requireZero(_ form: CommittedValue) {
        assert(value(of: form) == .zero, "prover broke its own linear relation")
        relations.append(form)
    }

    public mutating func requireEqual(_ a: CommittedValue, _ b: CommittedValue) { requireZero(a - b) }

    /// Proves every recorded linear relation at once; call after the last message.
    public mutating func finish() {
        let proof = LinearRelationProof.prove(relations, blindings: blindings, transcript: &transcript, random: &random)
        proof.encode(into: &writer)
    }

    /// A fresh uniform scalar from the prover's randomness (masks of sigma protocols).
    mutating func randomScalar() -> Fr { Fr.random(using: &random) }
}
