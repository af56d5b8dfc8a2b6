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

    /// The challenges the prover drew for `arguments` (run in lockstep): the value-generator
    /// challenge w, the shared fold challenges x_j and the shared final challenge c. The
    /// transcript must be where the arguments started; all must have `rounds` rounds.
    package static func replayChallenges(_ arguments: [InnerProductArgument], rounds: Int, _ transcript: inout Transcript) -> (w: Fr, xs: [Fr], c: Fr) {
        let w = transcript.challengeScalar(.pedersenValueGenerator)
        var xs = [Fr]()
        for round in 0..<rounds {
            transcript.absorb(.pedersenCrossTerms, bytes: arguments.flatMap { $0.left[round].compressed + $0.right[round].compressed })
            xs.append(transcript.challenge128(.pedersenFold))
        }
        transcript.absorb(.pedersenFinalCommitment, bytes: arguments.flatMap(\.finalCommitment.compressed))
        return (w, xs, transcript.challengeScalar(.pedersenFinalChallenge))
    }

    /// Replays the transcript of `arguments` for ⟨a_i, b_i⟩ = v_i with V_i = `valueCommitments[i]`
    /// and returns, per argument, the relation that holds iff it is valid.
    static func checks(
        _ arguments: [InnerProductArgument], publicVectors: [[Fr]], valueCommitments: [G1Affine], transcript: inout Transcript
    ) throws(VerificationError) -> [Check] {
        guard let length = publicVectors.first?.count, length.nonzeroBitCount == 1 else { return [] }
        let rounds = length.trailingZeroBitCount
        for argument in arguments where argument.left.count != rounds || argument.right.count != rounds {
            throw .commitmentShapeMismatch(what: "inner-product rounds", expected: rounds, got: min(argument.left.count, argument.right.count))
        }
        let (w, xs, c) = replayChallenges(arguments, rounds: rounds, &transcript)
        // s_i = Π over rounds j whose split bit (bit k−1−j of i) is set of x_j: the coefficient of
        // G_i in the folded generator and of b_i in the folded vector.
        var s: [Fr] = [.one]
        s.reserveCapacity(length)
        for position in 0..<rounds {
            let x = xs[rounds - 1 - position]
            s += s.map { $0 * x }
        }
        // P_final = (Π_j x_j)·P + Σ_j (Π_{k>j} x_k)·(x_j²·L_j + R_j).
        var suffix = [Fr](repeating: .one, count: rounds + 1)
        for j in stride(from: rounds - 1, through: 0, by: -1) { suffix[j] = suffix[j + 1] * xs[j] }
        let cp = c * suffix[0]
        return zip(arguments, zip(publicVectors, valueCommitments)).map { argument, statement in
            let foldedB = Fr.innerProduct(s, statement.0)
            var points = [PedersenGenerators.value, PedersenGenerators.blinding, argument.finalCommitment, statement.1]
            var scalars = [argument.finalScalar * foldedB * w, argument.finalBlinding, -Fr.one, -(cp * w)]
            for j in 0..<rounds {
                points += [argument.left[j], argument.right[j]]
                scalars += [-(c * suffix[j + 1] * xs[j] * xs[j]), -(c * suffix[j + 1])]
            }
            return Check(generatorScalars: s.map { argument.finalScalar * $0 }, statementScalar: -cp, points: points, scalars: scalars)
        }
    }
}
