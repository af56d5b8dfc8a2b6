import ZKProof

/// Fixed parameters of the inference proof: range-table width, quotient bits, size and batch
/// limits. Changing any of them changes what proofs mean, so they are part of the protocol
/// version, not of the circuit. Version 3 is the zero-knowledge protocol (every hidden value
/// committed, the witness under a Pedersen commitment).
public enum ProofParameters {
    public static let protocolVersion: UInt16 = 3
    /// Remainders and pooling differences are range-checked in limbs of this many bits.
    public static let rangeBits = 12
    /// Pre-clamp quotients must lie in [−2^(b−1), 2^(b−1)) with b = `quotientBits`: the clamp
    /// table covers that domain. That is 64× the int8 range, so only inputs far outside the
    /// calibration data reach its edge; the prover then stops with an error naming the layer.
    public static let quotientBits = 14
    /// Largest witness polynomial (2^28 field elements, 8 GiB): beyond that a circuit is refused.
    public static let maximumWitnessVariables = 28
    /// Largest batch one proof covers.
    public static let maximumBatchSize = 1024
}
