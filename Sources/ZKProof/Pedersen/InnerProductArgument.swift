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

    /// Proves ⟨a, b⟩ = v for A = ⟨a, G⟩ + aBlinding·H and V = v·U + valueBlinding·H, which the
    /// caller has bound into `transcript`. `a`, `b` and `generators` have the same power-of-two length.
    static func prove(
        vector a: [Fr], blinding aBlinding: Fr, publicVector b: [Fr], valueBlinding: Fr, generators: [G1Affine],
        transcript: inout Transcript, random: inout some RandomNumberGenerator
    ) -> InnerProductArgument {
        precondition(a.count == b.count && a.count == generators.count && a.count.nonzeroBitCount == 1)
        let w = transcript.challengeScalar(.pedersenValueGenerator)
        let valueGenerator = PedersenGenerators.value.projective.multiplied(by: w).affine
        let h = PedersenGenerators.blinding
        var (a, b, g) = (a, b, generators)
        var blinding = aBlinding + w * valueBlinding
        var left = [G1Affine](), right = [G1Affine]()
        while a.count > 1 {
            let half = a.count / 2
            let (aLow, aHigh) = (Array(a[..<half]), Array(a[half...]))
            let (bLow, bHigh) = (Array(b[..<half]), Array(b[half...]))
            let (gLow, gHigh) = (Array(g[..<half]), Array(g[half...]))
            let (l, r) = (Fr.random(using: &random), Fr.random(using: &random))
            let crossLow = MultiScalarMultiplication.multiply(gHigh + [valueGenerator, h], aLow + [innerProduct(aLow, bHigh), l])
            let crossHigh = MultiScalarMultiplication.multiply(gLow + [valueGenerator, h], aHigh + [innerProduct(aHigh, bLow), r])
            let (lPoint, rPoint) = (crossLow.affine, crossHigh.affine)
            transcript.absorb(.pedersenCrossTerms, bytes: lPoint.compressed + rPoint.compressed)
            let x = transcript.challengeScalar(.pedersenFold)
            left.append(lPoint)
            right.append(rPoint)
            a = zip(aLow, aHigh).map { x * $0 + $1 }
            b = zip(bLow, bHigh).map { $0 + x * $1 }
            g = foldGenerators(gLow, gHigh, by: x)
            blinding = x * blinding + x * x * l + r
        }
        // Schnorr proof of knowledge of (a, ρ) with P = a·(G + b·U') + ρ·H.
        let base = G1Projective(g[0]).adding(valueGenerator.projective.multiplied(by: b[0]).affine).affine
        let (d, s) = (Fr.random(using: &random), Fr.random(using: &random))
        let t = MultiScalarMultiplication.multiply([base, h], [d, s]).affine
        transcript.absorb(.pedersenFinalCommitment, bytes: t.compressed)
        let c = transcript.challengeScalar(.pedersenFinalChallenge)
        return InnerProductArgument(left: left, right: right, finalCommitment: t,
                                    finalScalar: d + c * a[0], finalBlinding: s + c * blinding)
    }

    /// G_lo + x·G_hi, one scalar multiplication per entry, on all cores.
    static func foldGenerators(_ low: [G1Affine], _ high: [G1Affine], by x: Fr) -> [G1Affine] {
        var folded = [G1Projective](repeating: .identity, count: low.count)
        folded.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            Parallel.forEachChunk(count: low.count, minimumChunk: 8) { range in
                for i in range { slots[i] = high[i].projective.multiplied(by: x).adding(low[i]) }
            }
        }
        return G1Projective.batchAffine(folded)
    }

    static func innerProduct(_ a: [Fr], _ b: [Fr]) -> Fr {
        zip(a, b).reduce(Fr.zero) { $0 + $1.0 * $1.1 }
    }
}
