import ZKAlgebra

/// What a zero-knowledge sumcheck proves: for each batched claim c,
/// Σ_{x ∈ {0,1}^n} Π_{j ∈ factors_c} P_j(x) = claimedSum_c, where the sums are committed values
/// and the factors P_j are either hidden (their final values are sent as commitments) or public
/// (the verifier evaluates them itself at the final point: eq tables, wiring predicates).
public struct HidingSumcheckStatement: Sendable {
    public struct Claim: Sendable {
        public var factors: [Int]
        public var claimedSum: CommittedValue

        public init(factors: [Int], claimedSum: CommittedValue) {
            self.factors = factors
            self.claimedSum = claimedSum
        }
    }

    public var variableCount: Int
    public var factorCount: Int
    public var claims: [Claim]
    /// Factors whose final values the verifier computes (ascending).
    public var publicFactors: [Int]

    public init(variableCount: Int, factorCount: Int, claims: [Claim], publicFactors: [Int] = []) {
        self.variableCount = variableCount
        self.factorCount = factorCount
        self.claims = claims
        self.publicFactors = publicFactors.sorted()
    }

    public var degree: Int { claims.map(\.factors.count).max() ?? 0 }

    var hiddenFactors: [Int] { (0..<factorCount).filter { !publicFactors.contains($0) } }

    var isWellFormed: Bool {
        !claims.isEmpty && (0...40).contains(variableCount) && (1...64).contains(factorCount)
            && claims.allSatisfy { claim in
                (1...SumcheckStatement.maximumFactorCount).contains(claim.factors.count)
                    && claim.factors.allSatisfy { (0..<factorCount).contains($0) }
            }
            && publicFactors.allSatisfy { (0..<factorCount).contains($0) }
    }

    /// Shape only: the sums are commitments already in the transcript.
    func absorb(_ transcript: inout Transcript) -> [Fr] {
        transcript.absorb(.hidingSumcheckStatement, uint64: UInt64(variableCount))
        transcript.absorb(.hidingSumcheckStatement, uint64: UInt64(factorCount))
        for claim in claims { transcript.absorb(.hidingSumcheckStatement, bytes: [UInt8(claim.factors.count)] + claim.factors.map { UInt8($0) }) }
        transcript.absorb(.hidingSumcheckStatement, bytes: publicFactors.map { UInt8($0) })
        let alpha = transcript.challengeScalar(.sumcheckBatching)
        var coefficients = [Fr.one]
        while coefficients.count < claims.count { coefficients.append(coefficients.last! * alpha) }
        return coefficients
    }

    /// The final check Σ_c α^c·Π_j P_j(ρ) = (last round's value), with public factors folded into
    /// the coefficients: linear when no claim has two hidden factors, else a polynomial relation.
    func finalCheck(coefficients: [Fr], factors: [CommittedValue], current: CommittedValue) -> FinalCheck {
        let hidden = hiddenFactors
        var terms = [PolynomialRelation.Term]()
        for (claim, coefficient) in zip(claims, coefficients) {
            var scale = coefficient
            var variables = [Int]()
            for j in claim.factors {
                if let value = factors[j].publicValue, publicFactors.contains(j) {
                    scale = scale * value
                } else {
                    variables.append(hidden.firstIndex(of: j)!)
                }
            }
            terms.append(PolynomialRelation.Term(coefficient: scale, factors: variables))
        }
        let variables = hidden.map { factors[$0] }
        if terms.allSatisfy({ $0.factors.count <= 1 }) {
            var sum = CommittedValue.zero
            for term in terms { sum = sum + term.coefficient * (term.factors.first.map { variables[$0] } ?? CommittedValue(.one)) }
            return .linear(sum - current)
        }
        return .polynomial(PolynomialRelation(variables: variables, terms: terms, target: current))
    }

    enum FinalCheck {
        case linear(CommittedValue)
        case polynomial(PolynomialRelation)
    }
}

/// What a zero-knowledge sumcheck leaves: the random point and every factor's value there
/// (public factors as public values, hidden ones as commitments).
public struct HidingSumcheckResult: Sendable {
    public var point: [Fr]
    public var factors: [CommittedValue]

    package init(point: [Fr], factors: [CommittedValue]) {
        self.point = point
        self.factors = factors
    }
}

/// The sumcheck with every prover message committed (Hyrax-style): round k's polynomial g_k is
/// sent as commitments to g_k(0), g_k(2), …, g_k(d), and g_k(1) is defined as the running claim
/// minus g_k(0), so the round check g_k(0) + g_k(1) = claim holds by construction; the running
/// claim g_k(r_k) = Σ_t L_t(r_k)·g_k(t) is a linear form over commitments. The final check over
/// the hidden factors' commitments is a linear relation or a `PolynomialRelationProof`.
/// Soundness is the plain sumcheck's (d/|F| per round) given binding commitments; the transcript
/// holds only commitments and sigma-protocol responses, all uniform.
public enum HidingSumcheck {
    public static func byteCount(_ statement: HidingSumcheckStatement) -> Int {
        let degree = statement.degree, hidden = statement.hiddenFactors.count
        let maxHidden = statement.claims.map { $0.factors.filter { !statement.publicFactors.contains($0) }.count }.max() ?? 0
        let relation = maxHidden >= 2 ? PolynomialRelationProof.byteCount(variables: hidden, degree: maxHidden) : 0
        return 64 * (statement.variableCount * degree + hidden) + relation
    }

    public static func prove(
        _ statement: HidingSumcheckStatement, factors: [DenseMultilinearPolynomial], _ prover: inout HidingProver
    ) -> HidingSumcheckResult {
        precondition(statement.isWellFormed && factors.count == statement.factorCount
                     && factors.allSatisfy { $0.variableCount == statement.variableCount }, "malformed sumcheck statement")
        let tables = factors.map { FoldingTable($0.evaluations) }
        let coefficients = statement.absorb(&prover.transcript)
        var current = CommittedValue.combination(statement.claims.map(\.claimedSum), weights: coefficients)
        var currentValue = prover.value(of: current)
        let degree = statement.degree
        let products = statement.claims.map(\.factors)
        var challenges = [Fr]()
        var length = 1 << statement.variableCount
        var pendingChallenge: Fr?
        for _ in 0..<statement.variableCount {
            let half = length / 2
            var evaluations = SumcheckProver.roundSums(tables, products: products, coefficients: coefficients, half: half,
                                                       degree: degree, foldingFirst: pendingChallenge)
            evaluations[1] = currentValue - evaluations[0]
            let committed = prover.commit([evaluations[0]] + Array(evaluations[2...]))
            let forms = [committed[0], current - committed[0]] + committed[1...]
            let challenge = prover.transcript.challengeScalar(.sumcheckChallenge)
            current = CommittedValue.combination(forms, weights: UnivariateInterpolation.lagrangeWeights(count: degree + 1, at: challenge))
            currentValue = UnivariateInterpolation.evaluate(evaluationsAtIntegers: evaluations, at: challenge)
            challenges.append(challenge)
            pendingChallenge = challenge
            length = half
        }
        if let challenge = pendingChallenge {
            for table in tables { table.foldHighHalf(half: 1, challenge: challenge) }
        }
        let hidden = statement.hiddenFactors
        let hiddenValues = prover.commit(hidden.map { tables[$0].storage[0] })
        var finals = (0..<statement.factorCount).map { CommittedValue(tables[$0].storage[0]) }
        for (slot, j) in hidden.enumerated() { finals[j] = hiddenValues[slot] }
        switch statement.finalCheck(coefficients: coefficients, factors: finals, current: current) {
        case let .linear(form): prover.requireZero(form)
        case let .polynomial(relation): PolynomialRelationProof.prove(relation, &prover)
        }
        return HidingSumcheckResult(point: Array(challenges.reversed()), factors: finals)
    }

    /// `publicValues(point)` returns the public factors' values at the final point, in the
    /// order of `statement.publicFactors`.
    public static func verify(
        _ statement: HidingSumcheckStatement, publicValues: ([Fr]) -> [Fr], _ verifier: inout HidingVerifier,
        _ what: String
    ) throws(HidingVerificationError) -> HidingSumcheckResult {
        guard statement.isWellFormed else { throw .rejected(.sumcheckStatementInvalid(reason: "\(what): malformed statement")) }
        let coefficients = statement.absorb(&verifier.transcript)
        var current = CommittedValue.combination(statement.claims.map(\.claimedSum), weights: coefficients)
        let degree = statement.degree
        var challenges = [Fr]()
        for round in 0..<statement.variableCount {
            let committed = try verifier.receive(degree, "\(what) round \(round)")
            let forms = [committed[0], current - committed[0]] + committed[1...]
            let challenge = verifier.transcript.challengeScalar(.sumcheckChallenge)
            current = CommittedValue.combination(forms, weights: UnivariateInterpolation.lagrangeWeights(count: degree + 1, at: challenge))
            challenges.append(challenge)
        }
        let point = Array(challenges.reversed())
        let hidden = statement.hiddenFactors
        let hiddenValues = try verifier.receive(hidden.count, "\(what) final evaluations")
        let publics = publicValues(point)
        guard publics.count == statement.publicFactors.count else {
            throw .rejected(.sumcheckStatementInvalid(reason: "\(what): \(publics.count) public values for \(statement.publicFactors.count) public factors"))
        }
        var finals = [CommittedValue](repeating: .zero, count: statement.factorCount)
        for (slot, j) in hidden.enumerated() { finals[j] = hiddenValues[slot] }
        for (slot, j) in statement.publicFactors.enumerated() { finals[j] = CommittedValue(publics[slot]) }
        switch statement.finalCheck(coefficients: coefficients, factors: finals, current: current) {
        case let .linear(form): verifier.requireZero(form)
        case let .polynomial(relation): try verifier.verify(relation, what)
        }
        return HidingSumcheckResult(point: point, factors: finals)
    }
}
