import ZKAlgebra

/// The verifier's side of a commit-and-prove proof stream (see `HidingProver`): reads the
/// commitments in the order they were written, collects the linear relations the protocol
/// requires, and checks them all in `finish`.
public struct HidingVerifier {
    public var transcript: Transcript
    public var reader: ByteReader
    private(set) var points: [G1Affine] = []
    private(set) var relations: [CommittedValue] = []

    public init(transcript: Transcript, reader: ByteReader) {
        self.transcript = transcript
        self.reader = reader
    }

    public var committedCount: Int { points.count }

    /// Reads `count` commitments (absorbed as one batch, as the prover did).
    public mutating func receive(_ count: Int, _ what: String) throws(HidingVerificationError) -> [CommittedValue] {
        guard count > 0 else { return [] }
        let start = reader.offset
        var received = [G1Affine]()
        received.reserveCapacity(count)
        do {
            for index in 0..<count { received.append(try reader.readPoint("\(what) commitment \(index)")) }
        } catch { throw .malformed(error) }
        let first = points.count
        points += received
        transcript.absorb(.hidingCommitments, bytes: Array(reader.bytes[start..<reader.offset]))
        return (first..<points.count).map { CommittedValue(committed: $0) }
    }

    public mutating func receive(_ what: String) throws(HidingVerificationError) -> CommittedValue {
        try receive(1, what)[0]
    }

    /// The commitment Σ a_k·V_k + c·U standing for `form`.
    func commitment(of form: CommittedValue) -> G1Projective {
        var scalars = [form.constant]
        var bases = [PedersenGenerators.value]
        for term in form.terms {
            scalars.append(term.coefficient)
            bases.append(points[term.index])
        }
        return MultiScalarMultiplication.multiply(bases, scalars, parallel: false)
    }

    public mutating func requireZero(_ form: CommittedValue) { relations.append(form) }

    public mutating func requireEqual(_ a: CommittedValue, _ b: CommittedValue) { requireZero(a - b) }

    /// Checks every recorded linear relation; call after the last message.
    public mutating func finish() throws(HidingVerificationError) {
        let proof: LinearRelationProof
        do { proof = try LinearRelationProof(decoding: &reader) } catch { throw .malformed(error) }
        guard proof.verify(relations, commitments: points, transcript: &transcript) else {
            throw .linearRelationsFailed(count: relations.count)
        }
    }
}

/// Why a commit-and-prove stream was refused.
public enum HidingVerificationError: Error, Equatable, CustomStringConvertible {
    case malformed(DecodingError)
    /// The batched linear relations do not hold (checked together, so the failing one is not named).
    case linearRelationsFailed(count: Int)
    case polynomialRelationFailed(what: String)
    case rejected(VerificationError)

    public var description: String {
        switch self {
        case let .malformed(error): return "malformed proof: \(error)"
        case let .linearRelationsFailed(count): return "the \(count) linear relations over the committed values do not hold"
        case let .polynomialRelationFailed(what): return "the product relation of \(what) does not hold over the committed values"
        case let .rejected(error): return "\(error)"
        }
    }
}
