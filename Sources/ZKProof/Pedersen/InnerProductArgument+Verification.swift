import ZKAlgebra

extension InnerProductArgument {
    /// The argument's final check as one linear relation Σ scalarᵢ·pointᵢ = identity, with the
    /// points split by who knows them: the generators G (`generatorScalars`), the folded vector
    /// commitment A (`statementScalar`, A being itself an MSM the caller expands), and the rest.
    /// Relations of several arguments add up (after random weighting) into one MSM.
    struct Check {
        var generatorScalars: [Fr]
        var statementScalar: Fr
        var points: [G1Affine]
        var scalars: [Fr]
    }

    /// The value-generator challenge w, the fold challenges x_j and the final challenge c, as the
    /// prover drew them (the transcript must be where the argument started).
    package func replayChallenges(_ transcript: inout Transcript) -> (w: Fr, xs: [Fr], c: Fr) {
        let w = transcript.challengeScalar(.pedersenValueGenerator)
        var xs = [Fr]()
        for (l, r) in zip(left, right) {
            transcript.absorb(.pedersenCrossTerms, bytes: l.compressed + r.compressed)
            xs.append(transcript.challengeScalar(.pedersenFold))
        }
        transcript.absorb(.pedersenFinalCommitment, bytes: finalCommitment.compressed)
        return (w, xs, transcript.challengeScalar(.pedersenFinalChallenge))
    }

    /// Replays the transcript of this argument for ⟨a, b⟩ = v with V = `valueCommitment` and
    /// returns the relation that holds iff the argument is valid.
    func check(publicVector b: [Fr], valueCommitment: G1Affine, transcript: inout Transcript) throws(VerificationError) -> Check {
        let rounds = b.count.trailingZeroBitCount
        guard b.count.nonzeroBitCount == 1, left.count == rounds, right.count == rounds else {
            throw .commitmentShapeMismatch(what: "inner-product rounds", expected: rounds, got: min(left.count, right.count))
        }
        let (w, xs, c) = replayChallenges(&transcript)

        // s_i = Π over rounds j whose split bit (bit k−1−j of i) is set of x_j: the coefficient of
        // G_i in the folded generator and of b_i in the folded vector.
        var s: [Fr] = [.one]
        s.reserveCapacity(b.count)
        for position in 0..<rounds {
            let x = xs[rounds - 1 - position]
            s += s.map { $0 * x }
        }
        let foldedB = Self.innerProduct(s, b)
        // P_final = (Π_j x_j)·P + Σ_j (Π_{k>j} x_k)·(x_j²·L_j + R_j).
        var suffix = [Fr](repeating: .one, count: rounds + 1)
        for j in stride(from: rounds - 1, through: 0, by: -1) { suffix[j] = suffix[j + 1] * xs[j] }
        let cp = c * suffix[0]
        var points = [PedersenGenerators.value, PedersenGenerators.blinding, finalCommitment, valueCommitment]
        var scalars = [finalScalar * foldedB * w, finalBlinding, -Fr.one, -(cp * w)]
        for j in 0..<rounds {
            points += [left[j], right[j]]
            scalars += [-(c * suffix[j + 1] * xs[j] * xs[j]), -(c * suffix[j + 1])]
        }
        return Check(generatorScalars: s.map { finalScalar * $0 }, statementScalar: -cp, points: points, scalars: scalars)
    }
}
