import ZKAlgebra

/// Ligero-style multilinear commitment over a Reed–Solomon tensor code (hash-based: no trusted setup).
///
/// Commit: arrange the evaluations as a matrix (`LigeroLayout`), encode every row with the NTT,
/// hash every column of the encoded matrix into a Merkle leaf; the commitment is the root.
/// Open at r = (r_lo, r_hi): send u = γᵀM for random γ (proximity) and v = eq(r_hi)ᵀM
/// (evaluation), then open t random columns. The verifier checks each opened column against the
/// encodings of u and v and computes f(r) = ⟨v, eq(r_lo)⟩. Soundness: see `LigeroParameters`.
/// Not hiding yet: the zero-knowledge step adds masking rows behind this same interface.
public struct LigeroCommitmentScheme: PolynomialCommitmentScheme {
    public let parameters: LigeroParameters

    public init(parameters: LigeroParameters = .standard) { self.parameters = parameters }

    /// The Merkle root over the encoded matrix's columns and the polynomial's size.
    public struct Commitment: Sendable, Equatable {
        public var root: Digest
        public var variableCount: Int

        public init(root: Digest, variableCount: Int) {
            self.root = root
            self.variableCount = variableCount
        }
    }

    /// The matrix, its encoded rows and the column tree: what the prover keeps to open.
    public struct ProverData: Sendable {
        public let layout: LigeroLayout
        public let polynomial: DenseMultilinearPolynomial
        /// Row-major, `rowCount × codewordLength`.
        let encodedRows: [Fr]
        let tree: MerkleTree
        public var commitment: Commitment { Commitment(root: tree.root, variableCount: layout.variableCount) }
    }

    // MARK: Commit

    public func commit(_ polynomial: DenseMultilinearPolynomial) -> (commitment: Commitment, proverData: ProverData) {
        let layout = parameters.layout(variableCount: polynomial.variableCount)
        let encoded = Self.encodeRows(polynomial.evaluations, layout: layout)
        let leaves = Self.columnLeafHashes(encoded, layout: layout)
        let tree = MerkleTree(leafHashes: leaves)
        let data = ProverData(layout: layout, polynomial: polynomial, encodedRows: encoded, tree: tree)
        return (data.commitment, data)
    }

    /// Each row, zero-padded to the codeword length, through a forward NTT (non-systematic RS).
    static func encodeRows(_ evaluations: [Fr], layout: LigeroLayout) -> [Fr] {
        let domain = NTTDomain.cached(logSize: layout.logCodewordLength)
        let length = layout.codewordLength
        let columns = layout.columnCount
        var encoded = [Fr](repeating: .zero, count: layout.rowCount * length)
        encoded.withUnsafeMutableBufferPointer { target in
            evaluations.withUnsafeBufferPointer { source in
                Parallel.forEachChunk(count: layout.rowCount, minimumChunk: 1) { rows in
                    for row in rows {
                        // Encoding is linear: an all-zero row (padding) stays zero.
                        let slice = source[(row * columns)..<((row + 1) * columns)]
                        if slice.allSatisfy({ $0.isZero }) { continue }
                        domain.forwardZeroPadded(
                            UnsafeBufferPointer(rebasing: source[(row * columns)..<((row + 1) * columns)]),
                            into: UnsafeMutableBufferPointer(rebasing: target[(row * length)..<((row + 1) * length)]))
                    }
                }
            }
        }
        return encoded
    }

    /// Encodes rows the same way on the verifier's side, one worker per row.
    static func encodeRows(_ rows: [[Fr]], layout: LigeroLayout) -> [[Fr]] {
        var codewords = rows.map { _ in [Fr](repeating: .zero, count: layout.codewordLength) }
        let domain = NTTDomain.cached(logSize: layout.logCodewordLength)
        codewords.withUnsafeMutableBufferPointer { codewords in
            Parallel.forEachChunk(count: codewords.count, minimumChunk: 1) { range in
                for index in range {
                    rows[index].withUnsafeBufferPointer { row in
                        codewords[index].withUnsafeMutableBufferPointer { domain.forwardZeroPadded(row, into: $0) }
                    }
                }
            }
        }
        return codewords
    }

    /// Leaf j = H(0x00 ‖ canonical bytes of column j, top row first).
    static func columnLeafHashes(_ encoded: [Fr], layout: LigeroLayout) -> [Digest] {
        var leaves = [Digest](repeating: .zero, count: layout.codewordLength)
        let rows = layout.rowCount
        let length = layout.codewordLength
        leaves.withUnsafeMutableBufferPointer { leaves in
            encoded.withUnsafeBufferPointer { encoded in
                Parallel.forEachChunk(count: length, minimumChunk: 64) { columns in
                    var scratch = [UInt8](repeating: 0, count: 32 * rows)
                    for column in columns {
                        for row in 0..<rows { encoded[row * length + column].writeCanonicalBytes(into: &scratch, at: 32 * row) }
                        leaves[column] = scratch.withUnsafeBytes { MerkleTree.leafHash(raw: $0) }
                    }
                }
            }
        }
        return leaves
    }

    static func leafHash(ofColumn column: [Fr]) -> Digest {
        MerkleTree.leafHash(Transcript.encode(column))
    }

    // MARK: Open

    public func open(
        _ proverData: ProverData, at points: [[Fr]], transcript: inout Transcript
    ) -> (values: [Fr], proof: LigeroOpeningProof) {
        let layout = proverData.layout
        precondition(!points.isEmpty && points.allSatisfy { $0.count == layout.variableCount },
                     "opening points must have \(layout.variableCount) coordinates")
        let values = points.map { proverData.polynomial.evaluate(at: $0) }
        LigeroTranscript.absorbClaims(commitment: proverData.commitment, points: points, values: values, &transcript)

        var batching: SumcheckProof?
        var reduced = EvaluationClaim(point: points[0], value: values[0])
        if points.count > 1 {
            let (proof, claim) = EvaluationClaimBatching.prove(
                proverData.polynomial, points: points, values: values, transcript: &transcript)
            batching = proof
            reduced = claim
        }

        let gamma = LigeroTranscript.proximityCoefficients(reduced, layout: layout, &transcript)
        let rowPoint = Array(reduced.point[layout.logColumns...])
        let proximityRow = Self.combineRows(proverData.polynomial.evaluations, weights: gamma, layout: layout)
        let evaluationRow = Self.combineRows(proverData.polynomial.evaluations,
                                             weights: EqualityPolynomial.table(at: rowPoint), layout: layout)
        let queries = LigeroTranscript.queries(proximityRow: proximityRow, evaluationRow: evaluationRow,
                                               parameters: parameters, layout: layout, &transcript)
        let length = layout.codewordLength
        let columns = queries.map { column in
            (0..<layout.rowCount).map { proverData.encodedRows[$0 * length + column] }
        }
        let paths = queries.map { proverData.tree.inclusionProof(index: $0).siblings }
        let proof = LigeroOpeningProof(batching: batching, proximityRow: proximityRow,
                                       evaluationRow: evaluationRow, columns: columns, paths: paths)
        return (values, proof)
    }

    /// Σ_i weights[i]·row_i, parallel over column ranges.
    static func combineRows(_ matrix: [Fr], weights: [Fr], layout: LigeroLayout) -> [Fr] {
        let columns = layout.columnCount
        var combined = [Fr](repeating: .zero, count: columns)
        combined.withUnsafeMutableBufferPointer { combined in
            matrix.withUnsafeBufferPointer { matrix in
                Parallel.forEachChunk(count: columns, minimumChunk: 1 << 10) { range in
                    for (row, weight) in weights.enumerated() {
                        let base = row * columns
                        for column in range { combined[column] = combined[column] + weight * matrix[base + column] }
                    }
                }
            }
        }
        return combined
    }

    // MARK: Verify

    public func verify(
        _ commitment: Commitment, claims: [EvaluationClaim], proof: LigeroOpeningProof, transcript: inout Transcript
    ) throws(VerificationError) {
        let layout = parameters.layout(variableCount: commitment.variableCount)
        guard layout.logCodewordLength <= NTTDomain.maximumLogSize else {
            throw .commitmentParametersMismatch(reason: "codeword of 2^\(layout.logCodewordLength) exceeds the field's 2^\(NTTDomain.maximumLogSize) NTT domain")
        }
        guard !claims.isEmpty else { throw .openingClaimCountMismatch(expected: 1, got: 0) }
        for (index, claim) in claims.enumerated() where claim.point.count != layout.variableCount {
            throw .openingPointDimensionMismatch(claim: index, expected: layout.variableCount, got: claim.point.count)
        }
        try proof.checkShape(parameters: parameters, layout: layout, claimCount: claims.count)
        LigeroTranscript.absorbClaims(commitment: commitment, points: claims.map(\.point),
                                      values: claims.map(\.value), &transcript)

        var reduced = claims[0]
        if claims.count > 1, let batching = proof.batching {
            reduced = try EvaluationClaimBatching.verify(
                claims: claims, variableCount: layout.variableCount, proof: batching, transcript: &transcript)
        }

        let gamma = LigeroTranscript.proximityCoefficients(reduced, layout: layout, &transcript)
        let rowWeights = EqualityPolynomial.table(at: Array(reduced.point[layout.logColumns...]))
        let queries = LigeroTranscript.queries(proximityRow: proof.proximityRow, evaluationRow: proof.evaluationRow,
                                               parameters: parameters, layout: layout, &transcript)
        // Both row checks at once: with λ drawn after rows and queries are fixed, the columns
        // satisfy ⟨γ + λ·eq, column⟩ = Enc(u + λ·v) at every query iff (except with probability
        // 1/|F| per query) they satisfy both, by linearity of the code. One encoding instead of two.
        var fork = transcript
        let lambda = fork.challengeScalar(.pcsRowCombination)
        let combinedRow = zip(proof.proximityRow, proof.evaluationRow).map { $0 + lambda * $1 }
        let encodedCombination = Self.encodeRows([combinedRow], layout: layout)[0]

        for (query, column) in queries.enumerated() {
            let opened = proof.columns[query]
            let path = MerkleInclusionProof(leafIndex: column, leafCount: layout.codewordLength, siblings: proof.paths[query])
            do {
                try path.verify(leafHash: Self.leafHash(ofColumn: opened), root: commitment.root)
            } catch {
                throw .openingMerklePathInvalid(query: query, column: column, reason: error)
            }
            var proximity = Fr.zero
            var evaluation = Fr.zero
            for (row, value) in opened.enumerated() {
                proximity = proximity + gamma[row] * value
                evaluation = evaluation + rowWeights[row] * value
            }
            if proximity + lambda * evaluation != encodedCombination[column] {
                // Rejecting anyway; encode both rows to say which combination is wrong.
                let encoded = Self.encodeRows([proof.proximityRow, proof.evaluationRow], layout: layout)
                let combination = proximity != encoded[0][column] ? "proximity" : "evaluation"
                throw .openingColumnMismatch(query: query, column: column, combination: combination)
            }
        }

        let columnWeights = EqualityPolynomial.table(at: Array(reduced.point[..<layout.logColumns]))
        let value = Fr.innerProduct(proof.evaluationRow, columnWeights)
        guard value == reduced.value else { throw .openingEvaluationMismatch(expected: reduced.value, got: value) }
    }
}

/// One definition of the opening's transcript order for prover and verifier:
/// commitment and claims → [batching sumcheck] → proximity coefficients γ → rows u, v → queries.
enum LigeroTranscript {
    static func absorbClaims(
        commitment: LigeroCommitmentScheme.Commitment, points: [[Fr]], values: [Fr], _ transcript: inout Transcript
    ) {
        transcript.absorb(.pcsClaims, digest: commitment.root)
        transcript.absorb(.pcsClaims, uint64: UInt64(commitment.variableCount))
        transcript.absorb(.pcsClaims, uint64: UInt64(points.count))
        for point in points { transcript.absorb(.pcsClaims, fields: point) }
        transcript.absorb(.pcsClaims, fields: values)
    }

    static func proximityCoefficients(
        _ reduced: EvaluationClaim, layout: LigeroLayout, _ transcript: inout Transcript
    ) -> [Fr] {
        transcript.absorb(.pcsReducedClaim, fields: reduced.point + [reduced.value])
        return transcript.challengeScalars(.pcsProximityCoefficients, count: layout.rowCount)
    }

    static func queries(
        proximityRow: [Fr], evaluationRow: [Fr], parameters: LigeroParameters, layout: LigeroLayout,
        _ transcript: inout Transcript
    ) -> [Int] {
        transcript.absorb(.pcsRows, fields: proximityRow + evaluationRow)
        return transcript.challengeIndices(.pcsQueries, count: parameters.queryCount, bound: layout.codewordLength)
    }
}
