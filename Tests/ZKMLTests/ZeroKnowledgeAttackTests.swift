import Foundation
import Testing
import ZKAlgebra
import ZKML
import ZKProof
import ZKTestSupport

/// Attacks on many inference proofs of one registered model (digits_mlp_small), each trying to
/// learn something about the weights from what the proofs reveal. Each attack is first run
/// against proofs made without randomness (`ProverRandomness.insecureZero`: the same prover code
/// with every mask zero), where it must succeed, so that it is a real attack; then against real
/// proofs, where it must recover nothing. The real proofs use seeded randomness so that a failure
/// reproduces; the attacks do not know the seeds.
@Suite("Zero knowledge: attacks on inference proofs")
struct ZeroKnowledgeAttackTests {
    static let proofCount = 100
    static let zoo = ZooModel(name: "digits_mlp_small")

    /// What the verifier of one proof sees besides group elements.
    struct View {
        var scalars: [Fr]
        var openings: [HidingVerifier.OpeningRecord]
    }

    static func view(_ prover: InferenceProver, _ input: Tensor<Int8>, _ randomness: ProverRandomness) throws -> View {
        let proof = try prover.prove([input], randomness: randomness)
        let (scalars, openings) = try InferenceVerifier.revealed(proof, descriptor: prover.descriptor)
        return View(scalars: scalars, openings: openings)
    }

    /// `count` distinct inputs: the test samples with one entry moved by one step each.
    static func inputs(_ count: Int) throws -> [Tensor<Int8>] {
        let base = try zoo.testInputs(8)
        return (0..<count).map { index in
            var scalars = base[index % base.count].scalars
            let position = (index * 7 + index / base.count) % scalars.count
            scalars[position] = scalars[position] == 127 ? 126 : scalars[position] + 1
            return Tensor(shape: base[0].shape, scalars: scalars)
        }
    }

    // MARK: (a) Interpolating the weights openings

    /// One equation per weights claim that lies in a single row of the weights matrix: the
    /// attacker replays the inner-product argument's challenges from the transcript and reads its
    /// final scalar z₁ as c·a_final, where a_final = Σ_col t_col·W[row, col] (what an opening
    /// without its Schnorr mask would give away).
    struct Equation {
        var row: Int
        var coefficients: [Fr]
        var right: Fr
    }

    static func equations(_ view: View, layout: PedersenCommitmentScheme.Layout) -> [Equation] {
        guard let opening = view.openings.last else { return [] }
        var replay = opening.transcript
        replay.absorb(.pedersenCommitment, digest: opening.commitment.digest)
        replay.absorb(.pedersenClaims, fields: opening.points.flatMap { $0 })
        replay.absorb(.pedersenClaims, bytes: opening.valueCommitments.flatMap(\.compressed))
        let rounds = layout.logColumns
        let (_, xs, c) = InnerProductArgument.replayChallenges(opening.proof.arguments, rounds: rounds, &replay)
        guard let cInverse = c.inverse else { return [] }
        var result = [Equation]()
        for (point, argument) in zip(opening.points, opening.proof.arguments) {
            let rowWeights = EqualityPolynomial.table(at: Array(point[rounds...]))
            let rows = rowWeights.indices.filter { !rowWeights[$0].isZero }
            guard rows.count == 1, rowWeights[rows[0]] == .one else { continue }
            let coefficients = (0..<layout.columnCount).map { column in
                var t = Fr.one
                for j in 0..<rounds where (column >> (rounds - 1 - j)) & 1 == 0 { t = t * xs[j] }
                return t
            }
            result.append(Equation(row: rows[0], coefficients: coefficients, right: argument.finalScalar * cInverse))
        }
        return result
    }

    @Test("(a) interpolating the weights openings of 100 proofs recovers a row of weights from unmasked proofs, nothing from real ones")
    func interpolateWeightsOpenings() throws {
        let prover = try Self.zoo.prover()
        let committed = CommittedModel(committing: prover.model, blindingSeed: testBlindingSeed)
        let weights = committed.weightsProverData.evaluations
        let layout = PedersenCommitmentScheme.Layout(variableCount: committed.descriptor.weightsCommitment.variableCount)
        let inputs = try Self.inputs(Self.proofCount)

        func attack(_ randomness: (Int) -> ProverRandomness) throws -> (row: Int, system: LinearSystem) {
            var byRow = [Int: [Equation]]()
            for (index, input) in inputs.enumerated() {
                for equation in Self.equations(try Self.view(prover, input, randomness(index)), layout: layout) {
                    byRow[equation.row, default: []].append(equation)
                }
            }
            // The row with the most equations (a bias row: one claim per proof).
            let (row, equations) = try #require(byRow.max { $0.value.count < $1.value.count })
            return (row, LinearSystem(rows: equations.map(\.coefficients), right: equations.map(\.right)))
        }

        let control = try attack { _ in .insecureZero }
        #expect(control.system.rows.count >= layout.columnCount + 10, "\(control.system.rows.count) equations")
        let truth = Array(weights[(control.row * layout.columnCount)..<((control.row + 1) * layout.columnCount)])
        let recovered = control.system.solve()
        #expect(recovered.consistent && recovered.solution == truth, "the attack must work without masks")

        let real = try attack { .init(derivedFrom: "zk attack a \($0)") }
        let outcome = real.system.solve()
        #expect(!outcome.consistent, "real openings must not satisfy the attacker's equations")
        // Any full-rank square subsystem gives some vector; it is not the weights.
        let square = LinearSystem(rows: Array(real.system.rows.prefix(layout.columnCount)),
                                  right: Array(real.system.right.prefix(layout.columnCount))).solve()
        let realTruth = Array(weights[(real.row * layout.columnCount)..<((real.row + 1) * layout.columnCount)])
        #expect(square.solution != realTruth)
        let matches = zip(square.solution ?? [], realTruth).filter { $0 == $1 }.count
        #expect(matches <= 2, "\(matches) of \(layout.columnCount) weights matched by chance")
    }

    // MARK: (b) The linear system of everything revealed

    /// Any weight is the same number in every proof of the model. An attacker who writes it as a
    /// linear formula in what proofs reveal needs a combination of revealed values that is
    /// constant across proofs: a non-zero (a, b) with ⟨a, R_p⟩ = b for every proof p. The rank of
    /// [R | 1] over the proofs says whether one exists. With 100 proofs, the search runs over
    /// windows of 60 revealed positions (consecutive ones, and random subsets of the whole proof).
    static func constantCombinationExists(_ views: [View], positions: [Int]) -> Bool {
        let rows = views.map { view in positions.map { view.scalars[$0] } + [Fr.one] }
        return LinearSystem(rows: rows, right: [Fr](repeating: .zero, count: rows.count)).rank < positions.count + 1
    }

    static func windows(count: Int, seed: UInt64) -> [[Int]] {
        var windows = stride(from: 0, to: count, by: 60).map { Array($0..<min($0 + 60, count)) }
        var random = SplitMix64(seed: seed)
        for _ in 0..<10 {
            var picked = Set<Int>()
            while picked.count < min(60, count) { picked.insert(Int(random.next() % UInt64(count))) }
            windows.append(picked.sorted())
        }
        return windows
    }

    @Test("(b) 100 proofs of one input: no revealed value repeats, and no combination of revealed values is constant")
    func linearSystemSameInput() throws {
        let prover = try Self.zoo.prover()
        let input = try Self.zoo.testInputs(1)[0]
        // Control: without masks the proofs are identical, so every revealed value is a constant.
        let unmasked = try (0..<3).map { _ in try Self.view(prover, input, .insecureZero) }
        #expect(unmasked[0].scalars == unmasked[1].scalars && unmasked[1].scalars == unmasked[2].scalars)
        #expect(Self.constantCombinationExists(unmasked + unmasked + unmasked, positions: Array(0..<min(60, unmasked[0].scalars.count))))

        let views = try (0..<Self.proofCount).map { try Self.view(prover, input, .init(derivedFrom: "zk attack b \($0)")) }
        try Self.expectNothingConstant(views)
    }

    @Test("(b) 100 proofs of different inputs: no revealed value repeats, and no combination of revealed values is constant")
    func linearSystemDifferentInputs() throws {
        let prover = try Self.zoo.prover()
        let views = try Self.inputs(Self.proofCount).enumerated().map {
            try Self.view(prover, $1, .init(derivedFrom: "zk attack b' \($0)"))
        }
        try Self.expectNothingConstant(views)
    }

    static func expectNothingConstant(_ views: [View]) throws {
        let count = try #require(views.first?.scalars.count)
        #expect(count > 100, "\(count) revealed scalars per proof")
        #expect(views.allSatisfy { $0.scalars.count == count })
        let all = views.flatMap(\.scalars)
        #expect(Set(all.map(\.canonicalBytes)).count == all.count, "a revealed value repeated")
        for window in windows(count: count, seed: 0x2b) {
            #expect(!constantCombinationExists(views, positions: window), "positions \(window.first!)…\(window.last!)")
        }
        #expect(lowByteChiSquare(all) < 400, "revealed values are not uniform in their low byte")
    }

    // MARK: (c) Two models with the same output

    /// χ² of the low bytes against uniform (255 degrees of freedom: mean 255, p = 10⁻⁸ near 400).
    static func lowByteChiSquare(_ values: [Fr]) -> Double {
        var counts = [Int](repeating: 0, count: 256)
        for value in values { counts[Int(value.canonicalBytes[0])] += 1 }
        let expected = Double(values.count) / 256
        return counts.reduce(0) { $0 + pow(Double($1) - expected, 2) / expected }
    }

    /// Two-sample χ² of the low bytes (255 degrees of freedom).
    static func twoSampleChiSquare(_ a: [Fr], _ b: [Fr]) -> Double {
        var countsA = [Int](repeating: 0, count: 256), countsB = countsA
        for value in a { countsA[Int(value.canonicalBytes[0])] += 1 }
        for value in b { countsB[Int(value.canonicalBytes[0])] += 1 }
        let (n, m) = (Double(a.count), Double(b.count))
        var statistic = 0.0
        for bin in 0..<256 where countsA[bin] + countsB[bin] > 0 {
            let (x, y) = (Double(countsA[bin]), Double(countsB[bin]))
            statistic += pow(x * (m / n).squareRoot() - y * (n / m).squareRoot(), 2) / (x + y)
        }
        return statistic
    }

    @Test("(c) two models that differ only behind an inactive ReLU give proofs of that input with the same distribution of revealed values")
    func sameOutputModels() throws {
        let prover = try Self.zoo.prover()
        let input = try Self.zoo.testInputs(1)[0]
        let model = prover.model
        let trace = model.infer(input)
        // A hidden unit that is off for this input: the second layer's weights on it never count.
        let unit = try #require(trace.tensors[1].scalars.firstIndex(of: 0), "every hidden unit is active")
        guard case let .dense(weights, bias, rescale) = model.layers[1].operation else {
            Issue.record("layer 1 of digits_mlp_small is not dense")
            return
        }
        var changed = weights.scalars
        let features = weights.shape[1]
        for output in 0..<weights.shape[0] { changed[output * features + unit] = changed[output * features + unit] == 100 ? -100 : 100 }
        var other = model
        other.layers[1].operation = .dense(weights: Tensor(shape: weights.shape, scalars: changed), bias: bias, rescale: rescale)
        #expect(other.infer(input).output == trace.output, "the models must agree on this input")
        let otherProver = InferenceProver(committed: CommittedModel(committing: other, blindingSeed: testBlindingSeed))
        #expect(otherProver.descriptor.modelID != prover.descriptor.modelID)

        let count = 60
        let a = try (0..<count).flatMap { try Self.view(prover, input, .init(derivedFrom: "zk attack c A \($0)")).scalars }
        let b = try (0..<count).flatMap { try Self.view(otherProver, input, .init(derivedFrom: "zk attack c B \($0)")).scalars }
        #expect(a.count == b.count)
        let statistic = Self.twoSampleChiSquare(a, b)
        #expect(statistic < 400, "χ² = \(statistic): the two models' proofs are distinguishable")

        // The test has power: it tells real proofs from unmasked ones of the same model at once.
        let unmasked = try (0..<count).flatMap { try Self.view(prover, Self.inputs(count)[$0], .insecureZero).scalars }
        #expect(Self.twoSampleChiSquare(a, unmasked) > 1000)
    }
}
