import ZKAlgebra

/// A zero-knowledge argument that a Pedersen-committed vector a (A = ⟨a, G⟩ + ρ_a·H) and a
/// committed value (V = v·U + ρ_v·H) satisfy ⟨a, b⟩ = v for a public vector b of length n = 2^k.
///
/// Bulletproofs-style folding (Bünz et al., S&P 2018) in the form that needs one scalar
/// multiplication per folded generator: with P = A + w·V and U' = w·U (w a challenge),
/// each round sends L = ⟨a_lo, G_hi⟩ + ⟨a_lo, b_hi⟩·U' + l·H and R = ⟨a_hi, G_lo⟩ + ⟨a_hi, b_lo⟩·U' + r·H
/// with fresh random l, r, receives x, and continues with a' = x·a_lo + a_hi, b' = b_lo + x·b_hi,
/// G' = G_lo + x·G_hi, P' = x·P + x²·L + R. After k rounds P = a·(G + b·U') + ρ·H for scalars a, ρ;
/// instead of revealing a (a linear function of the hidden vector), a Schnorr proof shows
/// knowledge of (a, ρ): T = d·(G + b·U') + s·H, challenge c, z₁ = d + c·a, z₂ = s + c·ρ.
///
/// Every group element sent is blinded by a fresh H term and the two scalars by fresh d, s, so the
/// transcript is simulatable from the statement alone (honest-verifier zero knowledge, made
/// non-interactive by Fiat–Shamir). 2k + 1 points and 2 scalars: 736 bytes for n = 1024.
/// Several claims over the same generators run in lockstep with shared challenges (`prove`).
public struct InnerProductArgument: Sendable, Equatable {
    public var left: [G1Affine]
    public var right: [G1Affine]
    public var finalCommitment: G1Affine
    public var finalScalar: Fr
    public var finalBlinding: Fr

    public init(left: [G1Affine], right: [G1Affine], finalCommitment: G1Affine, finalScalar: Fr, finalBlinding: Fr) {
        self.left = left
        self.right = right
        self.finalCommitment = finalCommitment
        self.finalScalar = finalScalar
        self.finalBlinding = finalBlinding
    }

    /// Bytes of an argument over vectors of 2^`rounds` entries.
    public static func byteCount(rounds: Int) -> Int { (2 * rounds + 1) * 32 + 2 * 32 }

    /// What the prover knows about one claim: A = ⟨vector, G⟩ + blinding·H and
    /// V = ⟨vector, publicVector⟩·U + valueBlinding·H.
    struct Witness {
        var vector: [Fr]
        var blinding: Fr
        var publicVector: [Fr]
        var valueBlinding: Fr
    }

    /// Proves every claim ⟨a_i, b_i⟩ = v_i (the caller has bound A_i and V_i into `transcript`),
    /// all over the same generators, in lockstep: each round absorbs every claim's (L, R) and
    /// draws one challenge x shared by all, so the generators are folded once for all claims
    /// (the folding's scalar multiplications dominate the prover's cost). Sharing challenges
    /// across instances is sound: each is drawn after every message it could depend on.
    static func prove(
        _ witnesses: [Witness], generators: [G1Affine], transcript: inout Transcript, random: inout some RandomNumberGenerator
    ) -> [InnerProductArgument] {
        precondition(witnesses.allSatisfy { $0.vector.count == generators.count && $0.publicVector.count == generators.count }
                     && generators.count.nonzeroBitCount == 1)
        let w = transcript.challengeScalar(.pedersenValueGenerator)
        let valueGenerator = PedersenGenerators.value.multiplied(by: w).affine
        let h = PedersenGenerators.blinding
        var states = witnesses.map { (a: $0.vector, b: $0.publicVector, blinding: $0.blinding + w * $0.valueBlinding,
                                      left: [G1Affine](), right: [G1Affine]()) }
        var g = generators
        while g.count > 1 {
            let half = g.count / 2
            let (gLow, gHigh) = (Array(g[..<half]), Array(g[half...]))
            let masks = states.map { _ in (Fr.random(using: &random), Fr.random(using: &random)) }
            // Each claim's two cross-term MSMs are small; the claims run on all cores instead.
            let snapshot = states
            let crossPoints = Parallel.mapChunks(count: snapshot.count, minimumChunk: 1) { range in
                range.map { index -> (G1Affine, G1Affine) in
                    let state = snapshot[index]
                    let (aLow, aHigh) = (Array(state.a[..<half]), Array(state.a[half...]))
                    let (bLow, bHigh) = (Array(state.b[..<half]), Array(state.b[half...]))
                    let l = MultiScalarMultiplication.multiply(gHigh + [valueGenerator, h], aLow + [Fr.innerProduct(aLow, bHigh), masks[index].0],
                                                               parallel: false)
                    let r = MultiScalarMultiplication.multiply(gLow + [valueGenerator, h], aHigh + [Fr.innerProduct(aHigh, bLow), masks[index].1],
                                                               parallel: false)
                    return (l.affine, r.affine)
                }
            }.flatMap { $0 }
            var crossTerms = [UInt8]()
            for (index, (lPoint, rPoint)) in crossPoints.enumerated() {
                states[index].left.append(lPoint)
                states[index].right.append(rPoint)
                crossTerms += lPoint.compressed + rPoint.compressed
            }
            transcript.absorb(.pedersenCrossTerms, bytes: crossTerms)
            // 128 bits: folding the generators by x is a scalar multiplication per generator, and
            // a short x halves it; each round's soundness term becomes 2^-127 (SOUNDNESS.md).
            let x = transcript.challenge128(.pedersenFold)
            for index in states.indices {
                let state = states[index]
                states[index].a = (0..<half).map { x * state.a[$0] + state.a[$0 + half] }
                states[index].b = (0..<half).map { state.b[$0] + x * state.b[$0 + half] }
                states[index].blinding = x * state.blinding + x * x * masks[index].0 + masks[index].1
            }
            g = foldGenerators(gLow, gHigh, by: x)
        }
        // Schnorr proofs of knowledge of (a_i, ρ_i) with P_i = a_i·(G + b_i·U') + ρ_i·H.
        var nonces = [(d: Fr, s: Fr)]()
        var commitments = [G1Affine]()
        for state in states {
            let base = valueGenerator.multiplied(by: state.b[0]).adding(g[0]).affine
            let (d, s) = (Fr.random(using: &random), Fr.random(using: &random))
            commitments.append(MultiScalarMultiplication.multiply([base, h], [d, s]).affine)
            nonces.append((d, s))
        }
        transcript.absorb(.pedersenFinalCommitment, bytes: commitments.flatMap(\.compressed))
        let c = transcript.challengeScalar(.pedersenFinalChallenge)
        return states.indices.map { index in
            InnerProductArgument(left: states[index].left, right: states[index].right, finalCommitment: commitments[index],
                                 finalScalar: nonces[index].d + c * states[index].a[0],
                                 finalBlinding: nonces[index].s + c * states[index].blinding)
        }
    }

    /// G_lo + x·G_hi, one scalar multiplication per entry, on all cores.
    static func foldGenerators(_ low: [G1Affine], _ high: [G1Affine], by x: Fr) -> [G1Affine] {
        var folded = [G1Projective](repeating: .identity, count: low.count)
        folded.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            Parallel.forEachChunk(count: low.count, minimumChunk: 8) { range in
                for i in range { slots[i] = high[i].multiplied(by: x).adding(low[i]) }
            }
        }
        return G1Projective.batchAffine(folded)
    }
}
