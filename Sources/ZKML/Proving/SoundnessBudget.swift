import Foundation
import ZKAlgebra
import ZKProof

/// The soundness error of every step of an inference proof for one circuit, and their sum
/// (a union bound). Field-size terms use |F| ≥ 2^253; see Sources/ZKML/Proving/SOUNDNESS.md.
public struct SoundnessBudget: Sendable {
    /// One step of the protocol and its error bound.
    public struct Item: Sendable, Codable {
        public var component: String
        /// Upper bound on the probability that this step accepts a false claim.
        public var error: Double
        public var bits: Double { -log2(error) }
    }

    public var items: [Item]
    public var totalError: Double { items.reduce(0) { $0 + $1.error } }
    public var totalBits: Double { -log2(totalError) }

    static let fieldBits = Double(Fr.modulus.bitWidth - 1)
    /// Security of the discrete logarithm in BN254 G1: attacks through the pairing into the
    /// target group (exTNFS in F_{q^12}) put BN254 at about 100 bits (Barbulescu–Duquesne,
    /// J. Cryptology 2019), below the 2^127 of Pollard's rho in G1 itself.
    public static let discreteLogBits = 100.0

    /// The budget of `plan`'s proofs, recorded by running the inference protocol with
    /// `SoundnessRole`: every sumcheck, random-point identity, lookup and opening it performs.
    public init(plan: CircuitPlan) {
        var role = SoundnessRole(plan: plan)
        // The recording role never throws: it checks nothing.
        try? InferenceProtocol.run(&role)
        items = role.items
    }
}
