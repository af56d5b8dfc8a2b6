import ZKAlgebra

/// The LogUp lookup argument (see `LogUpProver`) with every value committed: the two roots, each
/// layer's cross sums and the fraction-tree sumchecks (`HidingSumcheck`, eq public, p0, p1, q0, q1
/// hidden) are commitments, the root identity P_w·Q_t + P_t·Q_w = 0 and each layer's final check
/// are polynomial relations, and everything linear (cross sums adding up to the parent's
/// numerator, the leaf numerators being 1, the table's leaf denominators) joins the batched
/// linear relations. The transcript order is LogUp's: statement → α → roots → per layer of the
/// witness tree, then of the table tree: cross sums → sumcheck → sibling challenge τ.
///
/// The plain verifier also refused a zero root denominator; here the denominators stay hidden.
/// The GKR layers bind each root to the true tree of the committed leaves, whose denominators are
/// Π(α − w_i) and Π(α − t_j): zero only when α hits a witness value or a table entry, which the
/// soundness budget already counts ((n + T)/|F|).
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
        let tableTree = FractionTree(numerators: multiplicities.map { -Fr($0) },
                                     denominators: table.entries(packing: packing).map { alpha - $0 })
        let roots = prover.commit([witnessTree.root.0, witnessTree.root.1, tableTree.root.0, tableTree.root.1])
        PolynomialRelationProof.prove(rootRelation(roots), &prover)
        let (witnessPoint, witnessNumerator, witnessDenominator) = reduce(witnessTree, (roots[0], roots[1]), &prover)
        let (tablePoint, tableNumerator, tableDenominator) = reduce(tableTree, (roots[2], roots[3]), &prover)
        prover.requireEqual(witnessNumerator, CommittedValue(.one))
        prover.requireEqual(tableDenominator, CommittedValue(alpha - table.evaluate(at: tablePoint, packing: packing)))
        return HidingLogUpResult(witness: CommittedClaim(point: witnessPoint, value: alpha - witnessDenominator),
                                 multiplicities: CommittedClaim(point: tablePoint, value: -tableNumerator))
    }

    public static func verify(
        witnessVariables: Int, table: some LookupTable, packing: Fr, _ verifier: inout HidingVerifier
    ) throws(HidingVerificationError) -> HidingLogUpResult {
        let alpha = LogUpTranscript.begin(witnessVariables: witnessVariables, table: table, &verifier.transcript)
        let roots = try verifier.receive(4, "lookup roots")
        try verifier.verify(rootRelation(roots), "the lookup's root identity")
        let (witnessPoint, witnessNumerator, witnessDenominator) =
            try reduce("witness", depth: witnessVariables, (roots[0], roots[1]), &verifier)
        let (tablePoint, tableNumerator, tableDenominator) = try reduce("table", depth: table.bitCount, (roots[2], roots[3]), &verifier)
        verifier.requireEqual(witnessNumerator, CommittedValue(.one))
        verifier.requireEqual(tableDenominator, CommittedValue(alpha - table.evaluate(at: tablePoint, packing: packing)))
        return HidingLogUpResult(witness: CommittedClaim(point: witnessPoint, value: alpha - witnessDenominator),
                                 multiplicities: CommittedClaim(point: tablePoint, value: -tableNumerator))
    }

    /// P_w·Q_t + P_t·Q_w = 0 over the roots (P_w, Q_w, P_t, Q_t).
    static func rootRelation(_ roots: [CommittedValue]) -> PolynomialRelation {
        PolynomialRelation(variables: roots, terms: [.init(coefficient: .one, factors: [0, 3]), .init(coefficient: .one, factors: [2, 1])],
                           target: .zero)
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
            let partials = Parallel.mapChunks(count: half, minimumChunk: 1 << 12) { range -> (Fr, Fr) in
                var sums = (Fr.zero, Fr.zero)
                for i in range {
                    sums.0 = sums.0 + eq[i] * p[i] * q[i + half]
                    sums.1 = sums.1 + eq[i] * p[i + half] * q[i]
                }
                return sums
            }
            let sums = partials.reduce((Fr.zero, Fr.zero)) { ($0.0 + $1.0, $0.1 + $1.1) }
            let committedSums = prover.commit([sums.0, sums.1])
            prover.requireEqual(committedSums[0] + committedSums[1], numerator)
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
            let sums = try verifier.receive(2, "\(name) tree layer \(depth) cross sums")
            verifier.requireEqual(sums[0] + sums[1], numerator)
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
