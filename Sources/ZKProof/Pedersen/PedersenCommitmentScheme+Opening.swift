import ZKAlgebra

extension PedersenCommitmentScheme {
    /// One inner-product argument per claim (claims at different points share no row
    /// combination), run in lockstep with shared challenges; the verifier merges their final
    /// checks into one MSM.
    public struct OpeningProof: Sendable, Equatable {
        public var arguments: [InnerProductArgument]
        public init(arguments: [InnerProductArgument]) { self.arguments = arguments }
    }

    /// Proves the values at `points`, each given to the verifier as a commitment
    /// V = v·U + blinding·H (`valueBlindings[i]`) rather than in the clear: what a zero-knowledge
    /// protocol hands on. Returns the values, their commitments and the proof.
    public func openCommitted(
        _ data: ProverData, at points: [[Fr]], valueBlindings: [Fr], transcript: inout Transcript,
        random: inout some RandomNumberGenerator
    ) -> (values: [Fr], valueCommitments: [G1Affine], proof: OpeningProof) {
        precondition(points.count == valueBlindings.count, "one blinding per committed value")
        let layout = data.commitment.layout
        let rows = points.map { combinedRow(data, at: $0) }
        let values = zip(rows, points).map { row, point in
            InnerProductArgument.innerProduct(row.vector, EqualityPolynomial.table(at: Array(point[..<layout.logColumns])))
        }
        let valueCommitments = zip(values, valueBlindings).map { value, blinding in
            MultiScalarMultiplication.multiply([PedersenGenerators.value, PedersenGenerators.blinding], [value, blinding]).affine
        }
        Self.bind(data.commitment, points: points, values: valueCommitments.flatMap(\.compressed), into: &transcript)
        let generators = PedersenGenerators.vector(count: layout.columnCount)
        let witnesses = zip(zip(rows, points), valueBlindings).map { rowAndPoint, valueBlinding in
            InnerProductArgument.Witness(vector: rowAndPoint.0.vector, blinding: rowAndPoint.0.blinding,
                                         publicVector: EqualityPolynomial.table(at: Array(rowAndPoint.1[..<layout.logColumns])),
                                         valueBlinding: valueBlinding)
        }
        let arguments = InnerProductArgument.prove(witnesses, generators: generators, transcript: &transcript, random: &random)
        return (values, valueCommitments, OpeningProof(arguments: arguments))
    }

    /// Proves the values at `points` in the clear (V = v·U).
    public func open(
        _ data: ProverData, at points: [[Fr]], transcript: inout Transcript, random: inout some RandomNumberGenerator
    ) -> (values: [Fr], proof: OpeningProof) {
        let layout = data.commitment.layout
        let rows = points.map { combinedRow(data, at: $0) }
        let values = zip(rows, points).map { row, point in
            InnerProductArgument.innerProduct(row.vector, EqualityPolynomial.table(at: Array(point[..<layout.logColumns])))
        }
        Self.bind(data.commitment, points: points, values: values.flatMap(\.canonicalBytes), into: &transcript)
        let generators = PedersenGenerators.vector(count: layout.columnCount)
        let witnesses = zip(rows, points).map { row, point in
            InnerProductArgument.Witness(vector: row.vector, blinding: row.blinding,
                                         publicVector: EqualityPolynomial.table(at: Array(point[..<layout.logColumns])), valueBlinding: .zero)
        }
        let arguments = InnerProductArgument.prove(witnesses, generators: generators, transcript: &transcript, random: &random)
        return (values, OpeningProof(arguments: arguments))
    }

    /// eq(z_hi)ᵀ·M and eq(z_hi)·ρ: the row combination the claim at `point` is about.
    func combinedRow(_ data: ProverData, at point: [Fr]) -> (vector: [Fr], blinding: Fr) {
        let layout = data.commitment.layout
        precondition(point.count == layout.variableCount, "point has \(point.count) coordinates, polynomial \(layout.variableCount)")
        let weights = EqualityPolynomial.table(at: Array(point[layout.logColumns...]))
        let columns = layout.columnCount
        let partial = Parallel.mapChunks(count: columns, minimumChunk: 64) { range in
            var sums = [Fr](repeating: .zero, count: range.count)
            for (row, weight) in weights.enumerated() where !weight.isZero {
                let base = row * columns
                for column in range { sums[column - range.lowerBound] += weight * data.matrix[base + column] }
            }
            return sums
        }
        return (partial.flatMap { $0 }, InnerProductArgument.innerProduct(weights, data.blindings))
    }

    /// The commitment and the claims enter the transcript before any argument.
    static func bind(_ commitment: Commitment, points: [[Fr]], values: [UInt8], into transcript: inout Transcript) {
        transcript.absorb(.pedersenCommitment, digest: commitment.digest)
        transcript.absorb(.pedersenClaims, fields: points.flatMap { $0 })
        transcript.absorb(.pedersenClaims, bytes: values)
    }

    /// Checks claims whose values are public.
    public func verify(
        _ commitment: Commitment, claims: [EvaluationClaim], proof: OpeningProof, transcript: inout Transcript
    ) throws(VerificationError) {
        Self.bind(commitment, points: claims.map(\.point), values: claims.flatMap(\.value.canonicalBytes), into: &transcript)
        let valueCommitments = claims.map { PedersenGenerators.value.projective.multiplied(by: $0.value).affine }
        try verifyArguments(commitment, points: claims.map(\.point), valueCommitments: valueCommitments, proof: proof, transcript: &transcript)
    }

    /// Checks claims whose values are committed (`openCommitted`).
    public func verifyCommitted(
        _ commitment: Commitment, points: [[Fr]], valueCommitments: [G1Affine], proof: OpeningProof, transcript: inout Transcript
    ) throws(VerificationError) {
        Self.bind(commitment, points: points, values: valueCommitments.flatMap(\.compressed), into: &transcript)
        try verifyArguments(commitment, points: points, valueCommitments: valueCommitments, proof: proof, transcript: &transcript)
    }

    /// All arguments' relations, weighted by verifier-drawn γ_i, as one MSM over the generators,
    /// the row commitments and the arguments' points.
    private func verifyArguments(
        _ commitment: Commitment, points: [[Fr]], valueCommitments: [G1Affine], proof: OpeningProof, transcript: inout Transcript
    ) throws(VerificationError) {
        let layout = commitment.layout
        guard commitment.rows.count == layout.rowCount else {
            throw .commitmentShapeMismatch(what: "row commitments", expected: layout.rowCount, got: commitment.rows.count)
        }
        guard proof.arguments.count == points.count else {
            throw .openingClaimCountMismatch(expected: proof.arguments.count, got: points.count)
        }
        for (index, point) in points.enumerated() where point.count != layout.variableCount {
            throw .openingPointDimensionMismatch(claim: index, expected: layout.variableCount, got: point.count)
        }
        let checks = try InnerProductArgument.checks(
            proof.arguments, publicVectors: points.map { EqualityPolynomial.table(at: Array($0[..<layout.logColumns])) },
            valueCommitments: valueCommitments, transcript: &transcript)
        var verifierOnly = transcript
        let gammas = verifierOnly.challengeScalars(.pedersenBatchVerification, count: checks.count)
        var generatorScalars = [Fr](repeating: .zero, count: layout.columnCount)
        var rowScalars = [Fr](repeating: .zero, count: layout.rowCount)
        var otherPoints = [G1Affine](), otherScalars = [Fr]()
        for ((check, gamma), point) in zip(zip(checks, gammas), points) {
            for (i, scalar) in check.generatorScalars.enumerated() { generatorScalars[i] += gamma * scalar }
            let rowWeight = gamma * check.statementScalar
            for (row, eq) in EqualityPolynomial.table(at: Array(point[layout.logColumns...])).enumerated() { rowScalars[row] += rowWeight * eq }
            otherPoints += check.points
            otherScalars += check.scalars.map { gamma * $0 }
        }
        let total = MultiScalarMultiplication.multiply(
            PedersenGenerators.vector(count: layout.columnCount) + commitment.rows + otherPoints,
            generatorScalars + rowScalars + otherScalars)
        guard total.isIdentity else { throw .openingArgumentInvalid(claims: points.count) }
    }
}
