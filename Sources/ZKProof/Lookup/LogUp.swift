import ZKAlgebra

/// One definition of the lookup's transcript order for prover and verifier:
/// statement → α → both roots → per layer of the witness tree, then of the table tree:
/// cross sums → batched sumcheck → sibling challenge τ.
enum LogUpTranscript {
    static func begin(witnessVariables: Int, table: some LookupTable, _ transcript: inout Transcript) -> Fr {
        transcript.absorb(.lookupStatement, uint64: UInt64(witnessVariables))
        transcript.absorb(.lookupStatement, uint64: UInt64(table.bitCount))
        transcript.absorb(.lookupStatement, bytes: table.identifier)
        return transcript.challengeScalar(.lookupAlpha)
    }

    static func roots(_ witness: (Fr, Fr), _ table: (Fr, Fr), _ transcript: inout Transcript) {
        transcript.absorb(.lookupRoots, fields: [witness.0, witness.1, table.0, table.1])
    }

    static func layerSums(_ sums: (Fr, Fr), _ transcript: inout Transcript) {
        transcript.absorb(.lookupLayerSums, fields: [sums.0, sums.1])
    }

    static func sibling(_ transcript: inout Transcript) -> Fr { transcript.challengeScalar(.lookupSibling) }
}

/// Proves that every witness value is a table entry: with α from the transcript,
/// Σ_i 1/(α − w_i) = Σ_j m_j/(α − t_j) holds (except with probability ≤ (n + T)/|F|) exactly when
/// the witness is a multiset of table entries with multiplicities m.
public enum LogUpProver {
    /// Range-table convenience: the witness as integers.
    public static func prove(
        witness: [UInt64], multiplicities: [UInt64], table: RangeTable, transcript: inout Transcript
    ) -> (proof: LogUpProof, result: LogUpResult) {
        prove(witness: witness.map { Fr($0) }, multiplicities: multiplicities, table: table, packing: .zero,
              transcript: &transcript)
    }

    /// Preconditions: `witness.count` is a power of two, every value is an entry of `table` packed
    /// with `packing`, and `multiplicities` counts them. The caller binds the witness and the
    /// multiplicities to the transcript (by committing to them) before calling, and draws `packing`
    /// after that.
    public static func prove(
        witness: [Fr], multiplicities: [UInt64], table: some LookupTable, packing: Fr, transcript: inout Transcript
    ) -> (proof: LogUpProof, result: LogUpResult) {
        precondition(!witness.isEmpty && witness.count & (witness.count - 1) == 0, "pad the witness to a power of two")
        precondition(multiplicities.count == table.size, "one multiplicity per table entry")
        let witnessVariables = witness.count.trailingZeroBitCount
        let alpha = LogUpTranscript.begin(witnessVariables: witnessVariables, table: table, &transcript)

        let witnessTree = FractionTree(numerators: [Fr](repeating: .one, count: witness.count),
                                       denominators: witness.map { alpha - $0 })
        let tableTree = FractionTree(numerators: multiplicities.map { -Fr($0) },
                                     denominators: table.entries(packing: packing).map { alpha - $0 })
        LogUpTranscript.roots(witnessTree.root, tableTree.root, &transcript)
        let (witnessLayers, witnessPoint, _, witnessDenominator) = reduce(witnessTree, &transcript)
        let (tableLayers, tablePoint, tableNumerator, _) = reduce(tableTree, &transcript)

        let proof = LogUpProof(witnessRoot: witnessTree.root, tableRoot: tableTree.root,
                               witnessLayers: witnessLayers, tableLayers: tableLayers)
        let result = LogUpResult(witness: EvaluationClaim(point: witnessPoint, value: alpha - witnessDenominator),
                                 multiplicities: EvaluationClaim(point: tablePoint, value: -tableNumerator))
        return (proof, result)
    }

    /// Walks a tree from the root to the leaves; returns the layer proofs and the leaf-level
    /// claims (point, numerator, denominator).
    static func reduce(
        _ tree: FractionTree, _ transcript: inout Transcript
    ) -> ([LogUpProof.Layer], [Fr], Fr, Fr) {
        var layers = [LogUpProof.Layer]()
        var point = [Fr]()
        var (numerator, denominator) = tree.root
        for depth in 0..<(tree.numerators.count - 1) {
            let p = tree.numerators[depth + 1], q = tree.denominators[depth + 1]
            let half = p.count / 2
            let eq = EqualityPolynomial.table(at: point)
            let p0 = p[..<half], p1 = p[half...], q0 = q[..<half], q1 = q[half...]
            let sums = tree.crossSums(below: depth, at: point)
            LogUpTranscript.layerSums(sums, &transcript)
            // Factors 0…4 = eq, p0, p1, q0, q1, each folded once for the three claims.
            let (sumcheck, result) = SumcheckProver.prove(
                tables: [FoldingTable(eq), FoldingTable(p0), FoldingTable(p1), FoldingTable(q0), FoldingTable(q1)],
                variableCount: depth,
                claims: [SharedProductClaim(factorIndices: [0, 1, 4], claimedSum: sums.0),
                         SharedProductClaim(factorIndices: [0, 2, 3], claimedSum: sums.1),
                         SharedProductClaim(factorIndices: [0, 3, 4], claimedSum: denominator)],
                transcript: &transcript)
            let finals = sumcheck.finalEvaluations
            let tau = LogUpTranscript.sibling(&transcript)
            numerator = finals[0][1] + tau * (finals[1][1] - finals[0][1])
            denominator = finals[2][1] + tau * (finals[2][2] - finals[2][1])
            point = result.point + [tau]
            layers.append(LogUpProof.Layer(crossSums: sums, sumcheck: sumcheck))
        }
        return (layers, point, numerator, denominator)
    }
}

/// The verifier of a LogUp lookup argument: replays the fraction-tree sumchecks from a proof and
/// returns the claims left on the looked-up witness and on the multiplicities.
public enum LogUpVerifier {
    /// Checks the lookup and returns the claims on the witness and multiplicity columns, which the
    /// caller must discharge (through the commitment that bound them).
    public static func verify(
        witnessVariables: Int, table: some LookupTable, packing: Fr = .zero, proof: LogUpProof,
        transcript: inout Transcript
    ) throws(VerificationError) -> LogUpResult {
        guard proof.witnessLayers.count == witnessVariables else {
            throw .lookupShapeMismatch(what: "witness tree layers", expected: witnessVariables, got: proof.witnessLayers.count)
        }
        guard proof.tableLayers.count == table.bitCount else {
            throw .lookupShapeMismatch(what: "table tree layers", expected: table.bitCount, got: proof.tableLayers.count)
        }
        let alpha = LogUpTranscript.begin(witnessVariables: witnessVariables, table: table, &transcript)
        LogUpTranscript.roots(proof.witnessRoot, proof.tableRoot, &transcript)
        guard !proof.witnessRoot.1.isZero else { throw .lookupZeroDenominator(tree: "witness") }
        guard !proof.tableRoot.1.isZero else { throw .lookupZeroDenominator(tree: "table") }
        // P_w/Q_w + P_t/Q_t = 0, cross-multiplied (the table numerators carry −m).
        let witnessSide = proof.witnessRoot.0 * proof.tableRoot.1
        let tableSide = proof.tableRoot.0 * proof.witnessRoot.1
        guard witnessSide + tableSide == .zero else { throw .lookupSumNotZero(witness: witnessSide, table: -tableSide) }

        let (witnessPoint, witnessNumerator, witnessDenominator) =
            try reduce("witness", proof.witnessRoot, proof.witnessLayers, &transcript)
        let (tablePoint, tableNumerator, tableDenominator) = try reduce("table", proof.tableRoot, proof.tableLayers, &transcript)

        guard witnessNumerator == .one else {
            throw .lookupLeafMismatch(tree: "witness", what: "numerator", expected: .one, got: witnessNumerator)
        }
        let expectedTableDenominator = alpha - table.evaluate(at: tablePoint, packing: packing)
        guard tableDenominator == expectedTableDenominator else {
            throw .lookupLeafMismatch(tree: "table", what: "denominator", expected: expectedTableDenominator, got: tableDenominator)
        }
        return LogUpResult(witness: EvaluationClaim(point: witnessPoint, value: alpha - witnessDenominator),
                           multiplicities: EvaluationClaim(point: tablePoint, value: -tableNumerator))
    }

    static func reduce(
        _ tree: String, _ root: (Fr, Fr), _ layers: [LogUpProof.Layer], _ transcript: inout Transcript
    ) throws(VerificationError) -> ([Fr], Fr, Fr) {
        var point = [Fr]()
        var (numerator, denominator) = root
        for (depth, layer) in layers.enumerated() {
            LogUpTranscript.layerSums(layer.crossSums, &transcript)
            let total = layer.crossSums.0 + layer.crossSums.1
            guard total == numerator else { throw .lookupLayerSumMismatch(tree: tree, layer: depth, expected: numerator, got: total) }
            let statement = LogUpProof.layerStatement(variableCount: depth, sums: layer.crossSums, denominator: denominator)
            let result = try SumcheckVerifier.verify(statement, proof: layer.sumcheck, transcript: &transcript)
            let finals = layer.sumcheck.finalEvaluations
            let eq = EqualityPolynomial.evaluate(point, result.point)
            guard finals.allSatisfy({ $0[0] == eq }) else {
                throw .lookupInconsistentEvaluation(tree: tree, layer: depth, what: "eq")
            }
            // q1 and q0 each appear in two products: both reports must agree.
            guard finals[0][2] == finals[2][2] else { throw .lookupInconsistentEvaluation(tree: tree, layer: depth, what: "upper denominator") }
            guard finals[1][2] == finals[2][1] else { throw .lookupInconsistentEvaluation(tree: tree, layer: depth, what: "lower denominator") }
            let tau = LogUpTranscript.sibling(&transcript)
            numerator = finals[0][1] + tau * (finals[1][1] - finals[0][1])
            denominator = finals[2][1] + tau * (finals[2][2] - finals[2][1])
            point = result.point + [tau]
        }
        return (point, numerator, denominator)
    }
}
