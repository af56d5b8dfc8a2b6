import ZKAlgebra
import ZKProof

/// The verifier's side of every layer protocol: reads each commitment and records what it must
/// satisfy (`HidingVerifier`).
struct VerifierRole: ProofRole {
    let plan: CircuitPlan
    var stream: HidingVerifier
    var location: ProofLocation = .statement
    let packing: Fr
    let witnessCommitment: PedersenCommitmentScheme.Commitment
    let weightsCommitment: PedersenCommitmentScheme.Commitment
    /// Multilinear extensions of the public input and output, on their layouts.
    let publicTensors: [Int: DenseMultilinearPolynomial]
    var witnessClaims: [(column: Int, claim: CommittedClaim)] = []
    var weightClaims: [(segment: WeightsLayout.Segment, claim: CommittedClaim)] = []

    mutating func enter(_ location: ProofLocation) { self.location = location }

    mutating func point(_ count: Int) -> [Fr] { stream.transcript.challengeScalars(.inferencePoint, count: count) }

    func publicTensor(_ root: Int) -> DenseMultilinearPolynomial? { publicTensors[root] }

    /// Runs `body` on the stream, reporting its failures with the current location.
    private mutating func checking<T>(_ body: (inout HidingVerifier) throws(HidingVerificationError) -> T) throws(InferenceVerificationError) -> T {
        do { return try body(&stream) } catch { throw InferenceVerificationError(error, at: location) }
    }

    mutating func claimTensor(_ root: Int, at point: [Fr]) throws(InferenceVerificationError) -> CommittedValue {
        if let tensor = publicTensors[root] { return CommittedValue(tensor.evaluate(at: point)) }
        let value = try checking { stream throws(HidingVerificationError) in try stream.receive("evaluation of tensor \(root)") }
        recordColumn(.tensor(root), at: point, value: value)
        return value
    }

    mutating func claimColumn(_ column: WitnessColumn, at point: [Fr]) throws(InferenceVerificationError) -> CommittedValue {
        let value = try checking { stream throws(HidingVerificationError) in try stream.receive("evaluation of \(column)") }
        recordColumn(column, at: point, value: value)
        return value
    }

    mutating func claimWeights(_ segment: WeightsLayout.Segment, at point: [Fr]) throws(InferenceVerificationError) -> CommittedValue {
        let value = try checking { stream throws(HidingVerificationError) in
            try stream.receive("evaluation of layer \(segment.layer) \(segment.role)")
        }
        recordWeights(segment, at: point, value: value)
        return value
    }

    mutating func recordTensor(_ root: Int, at point: [Fr], value: CommittedValue) throws(InferenceVerificationError) {
        if let tensor = publicTensors[root] {
            try require(root == plan.inputRoot ? "public input evaluation" : "public output evaluation",
                        value, equals: CommittedValue(tensor.evaluate(at: point)))
            return
        }
        recordColumn(.tensor(root), at: point, value: value)
    }

    /// Columns a protocol named that the plan does not list (impossible by construction; checked
    /// rather than assumed, since the plan comes from an untrusted descriptor).
    var unknownColumns: [WitnessColumn] = []

    mutating func recordColumn(_ column: WitnessColumn, at point: [Fr], value: CommittedValue) {
        guard let index = plan.columnIndex(column) else { unknownColumns.append(column); return }
        witnessClaims.append((index, CommittedClaim(point: point, value: value)))
    }

    mutating func recordWeights(_ segment: WeightsLayout.Segment, at point: [Fr], value: CommittedValue) {
        weightClaims.append((segment, CommittedClaim(point: point, value: value)))
    }

    mutating func sumcheck(
        _ statement: HidingSumcheckStatement, publicValues: ([Fr]) -> [Fr], _ factors: (ProverTables) -> [DenseMultilinearPolynomial]
    ) throws(InferenceVerificationError) -> HidingSumcheckResult {
        let what = "\(location) sumcheck"
        return try checking { stream throws(HidingVerificationError) in
            try HidingSumcheck.verify(statement, publicValues: publicValues, &stream, what)
        }
    }

    mutating func logUp(
        table tableIndex: Int, witnessVariables: Int, _ witness: (ProverTables) -> [Fr]
    ) throws(InferenceVerificationError) -> HidingLogUpResult {
        let table = plan.tables[tableIndex].makeTable(), packing = packing
        return try checking { stream throws(HidingVerificationError) in
            try HidingLogUp.verify(witnessVariables: witnessVariables, table: table, packing: packing, &stream)
        }
    }

    mutating func require(_ relation: String, _ got: CommittedValue, equals expected: CommittedValue) throws(InferenceVerificationError) {
        if let got = got.publicValue, let expected = expected.publicValue {
            guard got == expected else { throw .relationMismatch(at: location, relation: relation, expected: expected, got: got) }
            return
        }
        stream.requireEqual(got, expected)
    }

    var hasWeightClaims: Bool { !weightClaims.isEmpty }

    mutating func openWitness() throws(InferenceVerificationError) {
        if let column = unknownColumns.first {
            throw .unsupportedCircuit(.unsupported(layer: -1, name: "\(column)", reason: "claim on a column the circuit does not commit"))
        }
        let claims = witnessClaims.map { CommittedClaim(point: plan.witnessPlacement.globalPoint($0.claim.point, segment: $0.column),
                                                        value: $0.claim.value) }
        let commitment = witnessCommitment
        try checking { stream throws(HidingVerificationError) in try HidingOpening.verifyBatched(commitment, claims: claims, &stream) }
    }

    mutating func openWeights() throws(InferenceVerificationError) {
        let claims = weightClaims.map { CommittedClaim(point: plan.weights.globalPoint($0.claim.point, in: $0.segment), value: $0.claim.value) }
        let commitment = weightsCommitment
        try checking { stream throws(HidingVerificationError) in try HidingOpening.verify(commitment, claims: claims, &stream) }
    }

    mutating func finish() throws(InferenceVerificationError) {
        enter(.relations)
        try checking { stream throws(HidingVerificationError) in try stream.finish() }
    }
}

extension InferenceVerificationError {
    init(_ error: HidingVerificationError, at location: ProofLocation) {
        switch error {
        case let .malformed(decoding): self = .malformedProof(at: location, decoding)
        case let .rejected(verification): self = .rejected(at: location, verification)
        case .linearRelationsFailed, .polynomialRelationFailed: self = .committedRelationFailed(at: location, error)
        }
    }
}
