import ZKAlgebra
import ZKProof

/// The Ligero commitment and single-claim opening, rebuilt in the tests from public pieces only —
/// the layout, the NTT, the Merkle tree and the transcript labels, in the order
/// `LigeroCommitmentScheme` documents (claims → reduced claim → γ → rows → queries).
///
/// Used two ways: honestly, it must reproduce the library's commitment and proof byte for byte
/// (an independent check of the construction and its transcript order); dishonestly, it lets an
/// opening carry one chosen lie while everything after the lie stays consistent — the Fiat–Shamir
/// queries are re-derived from what is sent, the opened columns and Merkle paths are genuine — so
/// a verifier must catch the lie itself rather than a side effect of tampering.
struct LigeroOpeningForger {
    let parameters: LigeroParameters
    let layout: LigeroLayout
    /// The evaluation matrix, row i = evaluations[i·2^b ..< (i+1)·2^b].
    let rows: [[Fr]]
    /// Each row zero-padded to the codeword length and transformed by the forward NTT.
    let encodedRows: [[Fr]]
    /// Leaf j = H(0x00 ‖ column j of the encoded matrix, top row first, canonical bytes).
    let tree: MerkleTree

    init(parameters: LigeroParameters, polynomial: DenseMultilinearPolynomial) {
        self.parameters = parameters
        let layout = parameters.layout(variableCount: polynomial.variableCount)
        self.layout = layout
        let rows = (0..<layout.rowCount).map { row in
            Array(polynomial.evaluations[(row * layout.columnCount)..<((row + 1) * layout.columnCount)])
        }
        let domain = NTTDomain(logSize: layout.logCodewordLength)
        let encodedRows = rows.map { row in
            var codeword = row + [Fr](repeating: .zero, count: layout.codewordLength - layout.columnCount)
            domain.forward(&codeword)
            return codeword
        }
        self.rows = rows
        self.encodedRows = encodedRows
        tree = MerkleTree(leafHashes: (0..<layout.codewordLength).map { column in
            MerkleTree.leafHash(encodedRows.flatMap { $0[column].canonicalBytes })
        })
    }

    var commitment: LigeroCommitmentScheme.Commitment {
        LigeroCommitmentScheme.Commitment(root: tree.root, variableCount: layout.variableCount)
    }

    /// An opening at `point` claiming `value`; the two rows pass through `alterProximityRow` and
    /// `alterEvaluationRow` before they are sent (and absorbed). Returns the queried columns too.
    func open(
        at point: [Fr], claiming value: Fr, transcript: inout Transcript,
        alterProximityRow: ([Fr]) -> [Fr] = { $0 },
        alterEvaluationRow: ([Fr]) -> [Fr] = { $0 }
    ) -> (proof: LigeroOpeningProof, queries: [Int]) {
        transcript.absorb(.pcsClaims, digest: tree.root)
        transcript.absorb(.pcsClaims, uint64: UInt64(layout.variableCount))
        transcript.absorb(.pcsClaims, uint64: 1)
        transcript.absorb(.pcsClaims, fields: point)
        transcript.absorb(.pcsClaims, fields: [value])

        transcript.absorb(.pcsReducedClaim, fields: point + [value])
        let gamma = transcript.challengeScalars(.pcsProximityCoefficients, count: layout.rowCount)
        let rowWeights = EqualityPolynomial.table(at: Array(point[layout.logColumns...]))
        let proximityRow = alterProximityRow(combine(weights: gamma))
        let evaluationRow = alterEvaluationRow(combine(weights: rowWeights))

        transcript.absorb(.pcsRows, fields: proximityRow + evaluationRow)
        let queries = transcript.challengeIndices(.pcsQueries, count: parameters.queryCount, bound: layout.codewordLength)
        let proof = LigeroOpeningProof(
            batching: nil, proximityRow: proximityRow, evaluationRow: evaluationRow,
            columns: queries.map { column in encodedRows.map { $0[column] } },
            paths: queries.map { tree.inclusionProof(index: $0).siblings })
        return (proof, queries)
    }

    /// Σ_i weights[i]·row_i.
    func combine(weights: [Fr]) -> [Fr] {
        var combined = [Fr](repeating: .zero, count: layout.columnCount)
        for (weight, row) in zip(weights, rows) {
            for column in combined.indices { combined[column] = combined[column] + weight * row[column] }
        }
        return combined
    }
}
