import ZKAlgebra

/// The verifier's side of a commit-and-prove proof stream (see `HidingProver`): reads the
/// commitments in the order they were written, collects the linear relations the protocol
/// requires and the group equations of the sigma protocols, and checks them all in `finish`.
///
/// Two things keep verification fast: commitments travel uncompressed (64 bytes: decoding is an
/// on-curve check instead of a square root) and are decoded in parallel batches when first
/// needed, and every group equation — each polynomial relation's, and the Schnorr proof of the linear relations — is
/// checked in one multi-scalar multiplication with random weights drawn after the whole proof.
/// A false equation survives that combination with probability 1/|F|; when the combination
/// fails, the equations are rechecked one by one to name the failing one.
public struct HidingVerifier {
    public var transcript: Transcript
    public var reader: ByteReader
    /// Offsets in `reader.bytes` of the commitments read so far.
    private var offsets: [Int] = []
    /// Decoded commitments, a prefix of `offsets`.
    private var decoded: [G1Affine] = []
    private(set) var relations: [CommittedValue] = []
    private var equations: [GroupEquation] = []
    /// Every field element the proof revealed, in order (sigma-protocol responses and the
    /// openings' final scalars; everything else is a group element): what an attacker sees.
    package private(set) var revealedScalars: [Fr] = []
    /// Every opening checked, with the transcript as it stood before it: what an attacker needs to
    /// replay its challenges.
    package private(set) var openings: [OpeningRecord] = []

    package struct OpeningRecord {
        package var transcript: Transcript
        package var commitment: PedersenCommitmentScheme.Commitment
        package var points: [[Fr]]
        package var valueCommitments: [G1Affine]
        package var proof: PedersenCommitmentScheme.OpeningProof
    }

    mutating func reveal(_ scalars: [Fr]) { revealedScalars += scalars }
    mutating func record(_ opening: OpeningRecord) { openings.append(opening) }

    public init(transcript: Transcript, reader: ByteReader) {
        self.transcript = transcript
        self.reader = reader
    }


    /// Reads `count` commitments (absorbed as one batch, as the prover did).
    public mutating func receive(_ count: Int, _ what: String) throws(HidingVerificationError) -> [CommittedValue] {
        guard count > 0 else { return [] }
        let start = reader.offset
        do { _ = try reader.readRaw(64 * count, "\(what) (\(count) commitments)") } catch { throw .malformed(error) }
        let first = offsets.count
        offsets += (0..<count).map { start + 64 * $0 }
        transcript.absorb(.hidingCommitments, bytes: Array(reader.bytes[start..<reader.offset]))
        return (first..<offsets.count).map { CommittedValue(committed: $0) }
    }

    public mutating func receive(_ what: String) throws(HidingVerificationError) -> CommittedValue {
        try receive(1, what)[0]
    }

    /// Decodes every commitment read so far (in parallel); a malformed encoding is reported with
    /// its offset.
    mutating func points() throws(HidingVerificationError) -> [G1Affine] {
        guard decoded.count < offsets.count else { return decoded }
        let pending = Array(offsets[decoded.count...])
        let bytes = reader.bytes
        let results = Parallel.mapChunks(count: pending.count, minimumChunk: 64) { range in
            range.map { index -> G1Affine? in try? G1Affine(uncompressed: bytes[pending[index]..<(pending[index] + 64)]) }
        }.flatMap { $0 }
        for (index, point) in results.enumerated() {
            guard let point else {
                throw .malformed(.invalidValue(what: "commitment \(decoded.count + index)", offset: pending[index],
                                               reason: "not an uncompressed G1 point"))
            }
            decoded.append(point)
        }
        return decoded
    }

    /// The commitment Σ a_k·V_k + c·U standing for `form`.
    package mutating func commitment(of form: CommittedValue) throws(HidingVerificationError) -> G1Projective {
        let points = try points()
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

    /// Defers the check Σ scalar·base = 0 to `finish`.
    mutating func deferCheck(_ equation: GroupEquation) { equations.append(equation) }

    /// Checks every recorded linear relation and deferred group equation; call after the last
    /// message.
    public mutating func finish() throws(HidingVerificationError) {
        let proof: LinearRelationProof
        do { proof = try LinearRelationProof(decoding: &reader) } catch { throw .malformed(error) }
        reveal([proof.response])
        let points = try points()
        let linear = proof.equation(relations, commitmentCount: points.count, transcript: &transcript)
        let all = equations + [linear]
        let weights = transcript.challengeScalars(.hidingBatchCheck, count: all.count)
        if GroupEquation.holds(all, weights: weights, commitments: points) { return }
        // Name the failure: recheck one by one (only a rejected proof pays for this).
        for equation in all where !GroupEquation.holds([equation], weights: [.one], commitments: points) {
            throw equation.failure
        }
        throw .linearRelationsFailed(count: relations.count)
    }
}

/// A deferred check Σ_i s_i·P_i = 0, whose bases are committed values (by index), the generators
/// U and H, or points read from the proof.
struct GroupEquation {
    enum Base {
        case committed(Int)
        case value
        case blinding
        case point(G1Affine)
    }

    var terms: [(base: Base, scalar: Fr)] = []
    /// What to report when this equation alone fails.
    var failure: HidingVerificationError

    /// Adds scale·(commitment of `form`).
    mutating func add(_ form: CommittedValue, scaledBy scale: Fr) {
        terms.append((.value, scale * form.constant))
        for term in form.terms { terms.append((.committed(term.index), scale * term.coefficient)) }
    }

    /// Whether Σ_e w_e·(equation e) = 0, in one MSM with the committed values' coefficients merged.
    static func holds(_ equations: [GroupEquation], weights: [Fr], commitments: [G1Affine]) -> Bool {
        var committed = [Fr](repeating: .zero, count: commitments.count)
        var value = Fr.zero, blinding = Fr.zero
        var points = [G1Affine](), scalars = [Fr]()
        for (equation, weight) in zip(equations, weights) {
            for (base, scalar) in equation.terms {
                switch base {
                case let .committed(index):
                    guard committed.indices.contains(index) else { return false }
                    committed[index] = committed[index] + weight * scalar
                case .value: value = value + weight * scalar
                case .blinding: blinding = blinding + weight * scalar
                case let .point(point):
                    points.append(point)
                    scalars.append(weight * scalar)
                }
            }
        }
        let bases = commitments + [PedersenGenerators.value, PedersenGenerators.blinding] + points
        return MultiScalarMultiplication.multiply(bases, committed + [value, blinding] + scalars).isIdentity
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
