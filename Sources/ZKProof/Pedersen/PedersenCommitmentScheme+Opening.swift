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
        var valueCommitments = [G1Affine]()
        let (values, proof) = prove(data, at: points, valueBlindings: valueBlindings, transcript: &transcript, random: &random) { values in
            valueCommitments = zip(values, valueBlindings).map { value, blinding in
                MultiScalarMultiplication.multiply([PedersenGenerators.value, PedersenGenerators.blinding], [value, blinding]).affine
            }
            return valueCommitments.flatMap(\.compressed)
        }
        return (values, valueCommitments, proof)
    }

    /// Proves the values at `points` in the clear (V = v·U).
    public func open(
        _ data: ProverData, at points: [[Fr]], transcript: inout Transcript, random: inout some RandomNumberGenerator
    ) -> (values: [Fr], proof: OpeningProof) {
        prove(data, at: points, valueBlindings: [Fr](repeating: .zero, count: points.count), transcript: &transcript, random: &random) {
            $0.flatMap(\.canonicalBytes)
        }
    }

    /// Both openings: the claims' row combinations and values, then the statement bound into the
    /// transcript (`boundValues` gives the bytes that stand for the values: the values themselves
    /// or their commitments), then the arguments.
    private func prove(
        _ data: ProverData, at points: [[Fr]], valueBlindings: [Fr], transcript: inout Transcript,
        random: inout some RandomNumberGenerator, boundValues: ([Fr]) -> [UInt8]
    ) -> (values: [Fr], proof: OpeningProof) {
        let layout = data.commitment.layout
        let rows = points.map { combinedRow(data, at: $0) }
        let columnWeights = points.map { EqualityPolynomial.table(at: Array($0[..<layout.logColumns])) }
        let values = zip(rows, columnWeights).map { Fr.innerProduct($0.vector, $1) }
        Self.bind(data.commitment, points: points, values: boundValues(values), into: &transcript)
        let witnesses = rows.indices.map { index in
            InnerProductArgument.Witness(vector: rows[index].vector, blinding: rows[index].blinding,
                                         publicVector: columnWeights[index], valueBlinding: valueBlindings[index])
        }
        let arguments = InnerProductArgument.prove(witnesses, generators: PedersenGenerators.vector(count: layout.columnCount),
                                                   transcript: &transcript, random: &random)
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
        return (partial.flatMap { $0 }, Fr.innerProduct(weights, data.blindings))
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
        let valueCommitments = claims.map { PedersenGenerators.value.multiplied(by: $0.value).affine }
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
