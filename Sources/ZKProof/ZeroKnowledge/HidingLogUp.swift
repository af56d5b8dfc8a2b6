import ZKAlgebra

/// The LogUp lookup argument with every value committed. With α from the transcript, the witness
/// is a multiset of table entries with multiplicities m exactly when (except with probability
/// ≤ (n + T)/|F|) Σ_i 1/(α − w_i) = Σ_j m_j/(α − t_j).
///
/// - The witness side (hidden denominators) is a binary fraction tree checked from its root
///   (P_w, Q_w) down, one `HidingSumcheck` per layer (eq public; p0, p1, q0, q1 hidden, their
///   final check a polynomial relation), as in `LogUpProver`, with one cross sum committed per
///   layer (the other is the parent's numerator minus it).
/// - The table side needs no tree: its denominators are public, so S = Σ_j m_j·w_j with
///   w_j = 1/(α − t_j) is one degree-2 sumcheck over the table's variables with w public; the
///   verifier evaluates w's multilinear extension itself (O(T): one batch inversion).
/// - The identity is the relation P_w = S·Q_w over the committed P_w, Q_w, S.
///
/// Q_w stays hidden, so the verifier cannot refuse a zero root denominator as the plain verifier
/// does; the tree binds the root to the committed leaves, whose product Π(α − w_i) is zero only
/// when α hits a witness value, which the soundness budget counts (n/|F|). A table entry equal to
/// α makes w undefined: the verifier rejects, and the honest prover stops (probability T/|F|).
public enum HidingLogUp {
    public static func prove(
        witness: [Fr], multiplicities: [UInt64], table: some LookupTable, packing: Fr, _ prover: inout HidingProver
    ) -> HidingLogUpResult {
        precondition(!witness.isEmpty && witness.count & (witness.count - 1) == 0, "pad the witness to a power of two")
        precondition(multiplicities.count == table.size, "one multiplicity per table entry")
        let witnessVariables = witness.count.trailingZeroBitCount
        let alpha = LogUpTranscript.begin(witnessVariables: witnessVariables, table: table, &prover.transcript)
        let witnessTree = FractionTree(numerators: [Fr](repeating: .one, count: witness.count),
                                       denominators: witness.map { alpha - $0 })
        guard let weights = tableWeights(table, alpha: alpha, packing: packing) else {
            preconditionFailure("the lookup challenge hit a table entry (probability 2^-240): prove again")
        }
        let counts = multiplicities.map { Fr($0) }
        let roots = prover.commit([witnessTree.root.0, witnessTree.root.1, Fr.innerProduct(counts, weights)])
        PolynomialRelationProof.prove(rootRelation(roots), &prover)
        let (witnessPoint, witnessNumerator, witnessDenominator) = reduce(witnessTree, (roots[0], roots[1]), &prover)
        let side = HidingSumcheck.prove(tableStatement(bitCount: table.bitCount, sum: roots[2]),
                                         factors: [DenseMultilinearPolynomial(evaluations: counts),
                                                   DenseMultilinearPolynomial(evaluations: weights)], &prover)
        prover.requireEqual(witnessNumerator, CommittedValue(.one))
        return HidingLogUpResult(witness: CommittedClaim(point: witnessPoint, value: alpha - witnessDenominator),
                                 multiplicities: CommittedClaim(point: side.point, value: side.factors[0]))
    }

    public static func verify(
        witnessVariables: Int, table: some LookupTable, packing: Fr, _ verifier: inout HidingVerifier
    ) throws(HidingVerificationError) -> HidingLogUpResult {
        let alpha = LogUpTranscript.begin(witnessVariables: witnessVariables, table: table, &verifier.transcript)
        let roots = try verifier.receive(3, "lookup roots")
        try verifier.verify(rootRelation(roots), "the lookup's root identity")
        let (witnessPoint, witnessNumerator, witnessDenominator) =
            try reduce("witness", depth: witnessVariables, (roots[0], roots[1]), &verifier)
        guard let weights = tableWeights(table, alpha: alpha, packing: packing) else {
            throw .rejected(.lookupZeroDenominator(tree: "table"))
        }
        let side = try HidingSumcheck.verify(tableStatement(bitCount: table.bitCount, sum: roots[2]), publicValues: { point in
            [Fr.innerProduct(EqualityPolynomial.table(at: point), weights)]
        }, &verifier, "table side")
        verifier.requireEqual(witnessNumerator, CommittedValue(.one))
        return HidingLogUpResult(witness: CommittedClaim(point: witnessPoint, value: alpha - witnessDenominator),
                                 multiplicities: CommittedClaim(point: side.point, value: side.factors[0]))
    }

    /// w_j = 1/(α − t_j) for every entry, or nil when α is an entry (one batch inversion per
    /// worker).
    static func tableWeights(_ table: some LookupTable, alpha: Fr, packing: Fr) -> [Fr]? {
        let entries = table.entries(packing: packing)
        let chunks = Parallel.mapChunks(count: entries.count, minimumChunk: 1 << 11) { range -> [Fr]? in
            let denominators = entries[range].map { alpha - $0 }
            guard denominators.allSatisfy({ !$0.isZero }) else { return nil }
            return Fr.batchInverted(denominators)
        }
        var weights = [Fr]()
        weights.reserveCapacity(entries.count)
        for chunk in chunks {
            guard let chunk else { return nil }
            weights += chunk
        }
        return weights
    }

    /// P_w − S·Q_w = 0 over the roots (P_w, Q_w, S).
    static func rootRelation(_ roots: [CommittedValue]) -> PolynomialRelation {
        PolynomialRelation(variables: roots, terms: [.init(coefficient: .one, factors: [0]), .init(coefficient: -Fr.one, factors: [2, 1])],
                           target: .zero)
    }

    /// Σ_j m_j·w_j = S: factor 0 the multiplicities (hidden), factor 1 the weights (public).
    static func tableStatement(bitCount: Int, sum: CommittedValue) -> HidingSumcheckStatement {
        HidingSumcheckStatement(variableCount: bitCount, factorCount: 2, claims: [.init(factors: [0, 1], claimedSum: sum)],
                                publicFactors: [1])
    }

    /// Factors 0…4 = eq, p0, p1, q0, q1; claims eq·p0·q1 = s₀, eq·p1·q0 = s₁, eq·q0·q1 = denominator.
    static func layerStatement(depth: Int, sums: [CommittedValue], denominator: CommittedValue) -> HidingSumcheckStatement {
        HidingSumcheckStatement(variableCount: depth, factorCount: 5,
                                claims: [.init(factors: [0, 1, 4], claimedSum: sums[0]),
                                         .init(factors: [0, 2, 3], claimedSum: sums[1]),
                                         .init(factors: [0, 3, 4], claimedSum: denominator)],
                                publicFactors: [0])
    }

    /// Walks a tree from the root to the leaves; returns the leaf point, numerator and denominator.
    static func reduce(
        _ tree: FractionTree, _ root: (CommittedValue, CommittedValue), _ prover: inout HidingProver
    ) -> ([Fr], CommittedValue, CommittedValue) {
        var point = [Fr]()
        var (numerator, denominator) = root
        for depth in 0..<(tree.numerators.count - 1) {
            let p = tree.numerators[depth + 1], q = tree.denominators[depth + 1]
            let half = p.count / 2
            let eq = EqualityPolynomial.table(at: point)
            let first = prover.commit(tree.crossSums(below: depth, at: point).0)
            let committedSums = [first, numerator - first]
            let factors = [eq, Array(p[..<half]), Array(p[half...]), Array(q[..<half]), Array(q[half...])]
                .map { DenseMultilinearPolynomial(evaluations: $0) }
            let result = HidingSumcheck.prove(layerStatement(depth: depth, sums: committedSums, denominator: denominator),
                                              factors: factors, &prover)
            let tau = LogUpTranscript.sibling(&prover.transcript)
            (numerator, denominator, point) = next(result, tau)
        }
        return (point, numerator, denominator)
    }

    static func reduce(
        _ name: String, depth treeDepth: Int, _ root: (CommittedValue, CommittedValue), _ verifier: inout HidingVerifier
    ) throws(HidingVerificationError) -> ([Fr], CommittedValue, CommittedValue) {
        var point = [Fr]()
        var (numerator, denominator) = root
        for depth in 0..<treeDepth {
            let first = try verifier.receive("\(name) tree layer \(depth) cross sum")
            let sums = [first, numerator - first]
            let parent = point
            let result = try HidingSumcheck.verify(layerStatement(depth: depth, sums: sums, denominator: denominator),
                                                   publicValues: { [EqualityPolynomial.evaluate(parent, $0)] }, &verifier,
                                                   "\(name) tree layer \(depth)")
            let tau = LogUpTranscript.sibling(&verifier.transcript)
            (numerator, denominator, point) = next(result, tau)
        }
        return (point, numerator, denominator)
    }

    /// The child claims folded by τ: numerator p0 + τ(p1 − p0), denominator q0 + τ(q1 − q0), at (ρ, τ).
    static func next(_ result: HidingSumcheckResult, _ tau: Fr) -> (CommittedValue, CommittedValue, [Fr]) {
        let f = result.factors
        return (f[1] + tau * (f[2] - f[1]), f[3] + tau * (f[4] - f[3]), result.point + [tau])
    }
}
