import ZKAlgebra
import ZKProof
import ZKTestSupport

/// Runs a commit-and-prove protocol on both sides: `prove` writes with a `HidingProver`, `verify`
/// reads the same bytes (or `tamper`ed ones) with a `HidingVerifier`; both finish with the batched
/// linear relations. Returns the proof bytes and the verifier's verdict.
enum HidingFixture {
    static let domain = "zkinfer.tests.hiding"

    static func proof(seed: String, _ prove: (inout HidingProver) -> Void) -> [UInt8] {
        var prover = HidingProver(transcript: Transcript(domain: domain), random: ProverRandomness(derivedFrom: seed))
        prove(&prover)
        prover.finish()
        return prover.writer.bytes
    }

    static func verify(_ bytes: [UInt8], _ verify: (inout HidingVerifier) throws(HidingVerificationError) -> Void) -> HidingVerificationError? {
        var verifier = HidingVerifier(transcript: Transcript(domain: domain), reader: ByteReader(bytes))
        do {
            try verify(&verifier)
            try verifier.finish()
            do { try verifier.reader.finish() } catch { return .malformed(error) }
            return nil
        } catch { return error }
    }
}
