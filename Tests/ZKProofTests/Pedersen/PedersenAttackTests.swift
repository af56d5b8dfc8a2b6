import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// An observer of many openings of one committed weight polynomial tries to solve for the weights.
///
/// The attack: replay each argument's challenges from the public transcript, read the final
/// scalar z₁ as c·a_final (what a plain Bulletproofs opening reveals: a_final is a known linear
/// combination of the weights), and solve the linear system over 200 openings. Against openings
/// made without randomness (the control) it recovers every weight exactly, so the attack is real;
/// against zkinfer's openings, where z₁ = d + c·a_final with a fresh random d, it recovers nothing.
/// Values are committed (`openCommitted`), as the zero-knowledge protocol passes them on: public
/// evaluations at 64 points would give the weights away by interpolation, whatever the scheme.
@Suite("Pedersen openings against a weight-recovery attack")
struct PedersenAttackTests {
    static let variableCount = 6
    static let openingCount = 200

    struct Observation {
        var equation: [Fr]
        var right: Fr
    }

    /// Commits to 64 int8 weights and opens at 200 random points with `random` as the prover's
    /// randomness; returns the weights and what the attacker derives from each opening.
    static func observe(random: inout some RandomNumberGenerator) -> (weights: [Fr], observations: [Observation]) {
        var points = SeededGenerator(seed: 2026)
        let weights = (0..<(1 << variableCount)).map { _ in Fr(Int64(Int8(truncatingIfNeeded: points.next()))) }
        let scheme = PedersenCommitmentScheme()
        let (commitment, data) = scheme.commit(DenseMultilinearPolynomial(evaluations: weights), random: &random)
        let layout = commitment.layout
        var observations = [Observation]()
        for _ in 0..<openingCount {
            let point = (0..<variableCount).map { _ in Fr.random(using: &points) }
            var transcript = Transcript(domain: "attack")
            let valueBlinding = Fr.random(using: &random)
            let (_, valueCommitments, proof) = scheme.openCommitted(data, at: [point], valueBlindings: [valueBlinding],
                                                                   transcript: &transcript, random: &random)
            // The attacker's replay: the same binding, then the argument's challenges.
            var replay = Transcript(domain: "attack")
            replay.absorb(.pedersenCommitment, digest: commitment.digest)
            replay.absorb(.pedersenClaims, fields: point)
            replay.absorb(.pedersenClaims, bytes: valueCommitments[0].compressed)
            let argument = proof.arguments[0]
            let (_, xs, c) = InnerProductArgument.replayChallenges([argument], rounds: layout.logColumns, &replay)
            // a_final = Σ_i t_i·a_i with t_i = Π over rounds j whose split bit of i is clear of x_j,
            // and a_i = Σ_row eq(z_hi)[row]·W[row][i].
            let rounds = layout.logColumns
            let rowWeights = EqualityPolynomial.table(at: Array(point[rounds...]))
            var equation = [Fr](repeating: .zero, count: weights.count)
            for column in 0..<layout.columnCount {
                var t = Fr.one
                for j in 0..<rounds where (column >> (rounds - 1 - j)) & 1 == 0 { t *= xs[j] }
                for (row, weight) in rowWeights.enumerated() { equation[row * layout.columnCount + column] = weight * t }
            }
            observations.append(Observation(equation: equation, right: argument.finalScalar * c.inverse!))
        }
        return (weights, observations)
    }

    @Test func withoutRandomnessTheAttackRecoversEveryWeight() throws {
        var noRandomness = ZeroGenerator()
        let (weights, observations) = Self.observe(random: &noRandomness)
        let solution = try #require(LinearSystem(rows: observations.map(\.equation), right: observations.map(\.right)).solve().solution)
        #expect(solution == weights, "the control must succeed, or the attack below proves nothing")
    }

    @Test func zkinferOpeningsRevealNothingToTheAttack() {
        var random = SeededGenerator(defaultSeed: 31_337)
        let (weights, observations) = Self.observe(random: &random)
        // Overdetermined (200 equations, 64 unknowns) and inconsistent: no weight vector explains them.
        #expect(LinearSystem(rows: observations.map(\.equation), right: observations.map(\.right)).solve().solution == nil)
        // Any 64 of them are solvable, but to a vector that is not the weights and that the other
        // 136 observations contradict.
        let square = Array(observations.prefix(weights.count))
        if let guess = LinearSystem(rows: square.map(\.equation), right: square.map(\.right)).solve().solution {
            #expect(guess != weights)
            let matches = guess.indices.filter { guess[$0] == weights[$0] }.count
            #expect(matches <= 1, random.comment("\(matches) of 64 weights guessed right"))
        }
        #expect(observations.allSatisfy { row in zip(row.equation, weights).reduce(Fr.zero) { $0 + $1.0 * $1.1 } != row.right },
                "no single opening reveals its row combination")
    }
}

/// The degenerate "randomness" of the control: every draw is zero, so every blinding is zero.
struct ZeroGenerator: RandomNumberGenerator {
    mutating func next() -> UInt64 { 0 }
}
