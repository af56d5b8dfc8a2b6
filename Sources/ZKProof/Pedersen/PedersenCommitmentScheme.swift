import ZKAlgebra

/// A hiding, binding commitment to a multilinear polynomial with zero-knowledge evaluation proofs
/// that can be repeated without limit: Pedersen vector commitments over BN254 G1 in the Hyrax
/// layout (Wahby, Tzialla, shelat, Thaler, Walfish, S&P 2018).
///
/// The 2^v evaluations form a 2^a × 2^b matrix M (row = the high a variables, column = the low b,
/// b = ⌊v/2⌋); row i is committed as C_i = Σ_j M_ij·G_j + ρ_i·H with a secret random ρ_i. For a
/// point z = (z_lo, z_hi), P(z) = eq(z_hi)ᵀ·M·eq(z_lo): the verifier folds the row commitments
/// with eq(z_hi) into a commitment to the row combination a = eq(z_hi)ᵀ·M, and the prover shows
/// ⟨a, eq(z_lo)⟩ = P(z) with an `InnerProductArgument`, which reveals nothing about a. Binding
/// rests on the discrete logarithm in G1 (see `SOUNDNESS.md`); hiding is perfect.
///
/// Why a logarithmic inner-product argument rather than Hyrax's proof-of-dot-product: the latter
/// sends the masked row itself, 2^⌊v/2⌋ field elements (32 KiB at 2^20 evaluations, per claim),
/// where the argument sends 2·⌊v/2⌋ + 1 points and 2 scalars (736 bytes). Shrinking the rows to
/// make the dot-product proof small would multiply the row commitments the verifier folds (2^20
/// evaluations in 64-entry rows: 16,384 points, about 3× the verifier's MSM). The argument costs
/// the prover one scalar multiplication per generator to fold them, shared by all claims of an
/// opening; the verifier checks every claim in one MSM over 2^⌊v/2⌋ generators and 2^⌈v/2⌉ rows.
public struct PedersenCommitmentScheme: Sendable {
    public init() {}

    /// Rows and columns of a polynomial with `variableCount` variables.
    public struct Layout: Sendable, Equatable {
        public var logRows: Int
        public var logColumns: Int
        public var variableCount: Int { logRows + logColumns }
        public var rowCount: Int { 1 << logRows }
        public var columnCount: Int { 1 << logColumns }

        public init(variableCount: Int) {
            logColumns = variableCount / 2
            logRows = variableCount - logColumns
        }
    }

    /// The row commitments (what a model descriptor publishes; its digest is what IDs bind).
    public struct Commitment: Sendable, Equatable {
        public var variableCount: Int
        public var rows: [G1Affine]
        public var layout: Layout { Layout(variableCount: variableCount) }

        public init(variableCount: Int, rows: [G1Affine]) {
            self.variableCount = variableCount
            self.rows = rows
        }
    }

    /// What only the prover keeps: the matrix and the row blindings.
    public struct ProverData: Sendable {
        public var commitment: Commitment
        var matrix: [Fr]
        var blindings: [Fr]
        /// The committed polynomial's evaluations (row after row of the matrix).
        public var evaluations: [Fr] { matrix }
    }

    /// Commits with row blindings drawn from `random` (the system CSPRNG unless a test seeds it).
    public func commit(_ polynomial: DenseMultilinearPolynomial, random: inout some RandomNumberGenerator) -> (commitment: Commitment, proverData: ProverData) {
        let layout = Layout(variableCount: polynomial.variableCount)
        return commit(polynomial, blindings: (0..<layout.rowCount).map { _ in Fr.random(using: &random) })
    }

    /// Commits with row blindings derived from `seed` (what a registered model keeps).
    public func commit(_ polynomial: DenseMultilinearPolynomial, blindingSeed seed: BlindingSeed) -> (commitment: Commitment, proverData: ProverData) {
        let layout = Layout(variableCount: polynomial.variableCount)
        return commit(polynomial, blindings: (0..<layout.rowCount).map(seed.blinding(row:)))
    }

    /// The prover's data for a commitment made earlier from `polynomial` and `seed`, without
    /// recomputing it (no group operations: the caller vouches that they belong together, and a
    /// mismatch makes every opening fail verification).
    public func proverData(_ polynomial: DenseMultilinearPolynomial, commitment: Commitment, blindingSeed seed: BlindingSeed) -> ProverData {
        precondition(commitment.variableCount == polynomial.variableCount, "commitment and polynomial sizes differ")
        return ProverData(commitment: commitment, matrix: polynomial.evaluations,
                          blindings: (0..<commitment.layout.rowCount).map(seed.blinding(row:)))
    }

    /// Rows whose entries are all small signed integers (weights, biases) take the small-scalar MSM.
    func commit(_ polynomial: DenseMultilinearPolynomial, blindings: [Fr]) -> (commitment: Commitment, proverData: ProverData) {
        let layout = Layout(variableCount: polynomial.variableCount)
        let matrix = polynomial.evaluations
        let vectorGenerators = PedersenGenerators.vector(count: layout.columnCount)
        let generators = vectorGenerators + [PedersenGenerators.blinding]
        var rows = [G1Projective](repeating: .identity, count: layout.rowCount)
        rows.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            Parallel.forEachChunk(count: layout.rowCount, minimumChunk: 1) { range in
                for row in range {
                    let entries = Array(matrix[(row << layout.logColumns)..<((row + 1) << layout.logColumns)])
                    if let small = Self.smallIntegers(entries) {
                        slots[row] = MultiScalarMultiplication.multiply(vectorGenerators, smallScalars: small, parallel: false)
                            + PedersenGenerators.blinding.multiplied(by: blindings[row])
                    } else {
                        slots[row] = MultiScalarMultiplication.multiply(generators, entries + [blindings[row]], parallel: false)
                    }
                }
            }
        }
        let commitment = Commitment(variableCount: layout.variableCount, rows: G1Projective.batchAffine(rows))
        return (commitment, ProverData(commitment: commitment, matrix: matrix, blindings: blindings))
    }

    /// The entries as Int64 when every one is within ±2^62 (as standard or negated value).
    static func smallIntegers(_ entries: [Fr]) -> [Int64]? {
        var result = [Int64]()
        result.reserveCapacity(entries.count)
        for entry in entries {
            let positive = entry.standardLimbs
            if positive.1 == 0, positive.2 == 0, positive.3 == 0, positive.0 < 1 << 62 {
                result.append(Int64(positive.0))
                continue
            }
            let negative = (-entry).standardLimbs
            guard negative.1 == 0, negative.2 == 0, negative.3 == 0, negative.0 < 1 << 62 else { return nil }
            result.append(-Int64(negative.0))
        }
        return result
    }
}
