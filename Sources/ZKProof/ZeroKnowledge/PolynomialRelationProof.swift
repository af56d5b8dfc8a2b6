import ZKAlgebra

/// A sigma protocol for a `PolynomialRelation` of degree D over m committed variables
/// (generalising Hyrax's proof-of-product, Wahby et al. S&P 2018, to any polynomial).
///
/// The prover draws masks d_j, δ_j and sends D_j = d_j·U + δ_j·H, then commitments
/// T_k = q_k·U + τ_k·H to the coefficients q_0 … q_{D−1} of Q(t) = P̂(d + t·x) (P homogenised to
/// degree D by powers of t, so q_D = P(x), which must be y). After the challenge c it reveals
/// z_j = d_j + c·x_j, ζ_j = δ_j + c·β_j and ω = Σ_k c^k·τ_k + c^D·β_y. The verifier checks
/// z_j·U + ζ_j·H = D_j + c·X_j for every j and P̂_c(z)·U + ω·H = Σ_k c^k·T_k + c^D·Y.
///
/// Soundness: with x and y bound by their commitments, a false relation leaves a non-zero
/// polynomial of degree D in c, so a cheating prover passes with probability ≤ D/|F|.
/// Zero knowledge: z_j and ζ_j are uniform (d_j, δ_j are), ω is uniform given them (τ_0 is),
/// the T_k for k ≥ 1 are uniform points; D_j and T_0 then follow from the checks, so a simulator
/// that picks all of these first and solves for D_j, T_0 produces the same distribution.
/// Size: m + D points (64 bytes each, uncompressed) and 2m + 1 scalars (32 bytes each).
public enum PolynomialRelationProof {
    public static func byteCount(variables: Int, degree: Int) -> Int { 64 * (variables + degree) + 32 * (2 * variables + 1) }

    public static func prove(_ relation: PolynomialRelation, _ prover: inout HidingProver) {
        precondition(relation.isWellFormed && relation.degree >= 1, "a polynomial relation needs degree ≥ 1")
        let degree = relation.degree
        let values = relation.variables.map { prover.value(of: $0) }
        let blindings = relation.variables.map { prover.blinding(of: $0) }
        assert(relation.evaluateHomogenised(values, at: .one) == prover.value(of: relation.target),
               "prover broke its own polynomial relation")
        let masks = values.map { _ in prover.randomScalar() }
        let maskBlindings = values.map { _ in prover.randomScalar() }
        let coefficients = relation.maskedPolynomial(masks: masks, values: values)
        let coefficientBlindings = (0..<degree).map { _ in prover.randomScalar() }
        let points = ScalarCommitment.commit(masks + Array(coefficients[..<degree]), blindings: maskBlindings + coefficientBlindings)
        let bytes = points.flatMap(\.uncompressed)
        prover.writer.write(raw: bytes)
        prover.transcript.absorb(.hidingProductCommitments, bytes: bytes)
        let challenge = prover.transcript.challengeScalar(.hidingProductChallenge)

        var responses = zip(masks, values).map { $0 + challenge * $1 }
        responses += zip(maskBlindings, blindings).map { $0 + challenge * $1 }
        var power = Fr.one
        var omega = Fr.zero
        for blinding in coefficientBlindings {
            omega = omega + power * blinding
            power = power * challenge
        }
        omega = omega + power * prover.blinding(of: relation.target)
        responses.append(omega)
        prover.writer.write(responses)
        prover.transcript.absorb(.hidingProductResponses, fields: responses)
    }
}

extension HidingVerifier {
    /// Reads a `PolynomialRelationProof` for `relation` and defers its group equations to
    /// `finish`; `what` names it in errors.
    public mutating func verify(_ relation: PolynomialRelation, _ what: String) throws(HidingVerificationError) {
        guard relation.isWellFormed, relation.degree >= 1 else { throw .polynomialRelationFailed(what: what) }
        let degree = relation.degree, count = relation.variables.count
        let start = reader.offset
        var points = [G1Affine]()
        let responses: [Fr]
        do {
            for index in 0..<(count + degree) { points.append(try reader.readUncompressedPoint("\(what) relation commitment \(index)")) }
            transcript.absorb(.hidingProductCommitments, bytes: Array(reader.bytes[start..<reader.offset]))
            responses = try reader.readFields(2 * count + 1, "\(what) relation responses")
        } catch { throw .malformed(error) }
        let challenge = transcript.challengeScalar(.hidingProductChallenge)
        transcript.absorb(.hidingProductResponses, fields: responses)
        reveal(responses)

        // z_j·U + ζ_j·H − D_j − c·X_j = 0 for every j.
        for j in 0..<count {
            var equation = GroupEquation(failure: .polynomialRelationFailed(what: what))
            equation.terms = [(.value, responses[j]), (.blinding, responses[count + j]), (.point(points[j]), -Fr.one)]
            equation.add(relation.variables[j], scaledBy: -challenge)
            deferCheck(equation)
        }
        // P̂_c(z)·U + ω·H − Σ_k c^k·T_k − c^D·Y = 0.
        var equation = GroupEquation(failure: .polynomialRelationFailed(what: what))
        equation.terms = [(.value, relation.evaluateHomogenised(Array(responses[..<count]), at: challenge)),
                          (.blinding, responses[2 * count])]
        var power = Fr.one
        for k in 0..<degree {
            equation.terms.append((.point(points[count + k]), -power))
            power = power * challenge
        }
        equation.add(relation.target, scaledBy: -power)
        deferCheck(equation)
    }
}
