import ZKAlgebra
import ZKProof

/// The prover's side of the proof stream: every message is written to the proof body and
/// absorbed into the transcript in the same call, so the two cannot diverge. This is also the
/// one place the zero-knowledge step will mask messages (Libra-style masked sumchecks).
struct ProverChannel {
    var transcript: Transcript
    var writer = ByteWriter()

    mutating func send(_ values: [Fr]) {
        writer.write(values)
        transcript.absorb(.inferenceEvaluations, fields: values)
    }

    mutating func point(_ count: Int) -> [Fr] {
        transcript.challengeScalars(.inferencePoint, count: count)
    }

    mutating func sumcheck(_ claims: [ProductSumcheckClaim]) -> SumcheckResult {
        let (proof, result) = SumcheckProver.prove(claims, transcript: &transcript)
        proof.encode(into: &writer)
        return result
    }

    mutating func logUp(witness: [Fr], multiplicities: [UInt64], table: any LookupTable, packing: Fr) -> LogUpResult {
        let (proof, result) = LogUpProver.prove(witness: witness, multiplicities: multiplicities, table: table,
                                                packing: packing, transcript: &transcript)
        proof.encode(into: &writer)
        return result
    }
}

/// The verifier's side: reads exactly what the prover wrote, with lengths fixed by the plan,
/// and reports failures with the location it is checking.
struct VerifierChannel {
    var transcript: Transcript
    var reader: ByteReader
    var location: ProofLocation = .statement

    mutating func receive(_ count: Int, _ what: String) throws(InferenceVerificationError) -> [Fr] {
        let values: [Fr]
        do { values = try reader.readFields(count, what) } catch { throw .malformedProof(at: location, error) }
        transcript.absorb(.inferenceEvaluations, fields: values)
        return values
    }

    mutating func point(_ count: Int) -> [Fr] {
        transcript.challengeScalars(.inferencePoint, count: count)
    }

    mutating func sumcheck(_ statement: SumcheckStatement) throws(InferenceVerificationError) -> SumcheckResult {
        let proof: SumcheckProof
        do { proof = try SumcheckProof(decoding: &reader, statement: statement) } catch { throw .malformedProof(at: location, error) }
        do { return try SumcheckVerifier.verify(statement, proof: proof, transcript: &transcript) } catch { throw .rejected(at: location, error) }
    }

    mutating func logUp(witnessVariables: Int, table: any LookupTable, packing: Fr) throws(InferenceVerificationError) -> LogUpResult {
        let proof: LogUpProof
        do { proof = try LogUpProof(decoding: &reader, witnessVariables: witnessVariables, table: table) } catch {
            throw .malformedProof(at: location, error)
        }
        do {
            return try LogUpVerifier.verify(witnessVariables: witnessVariables, table: table, packing: packing,
                                            proof: proof, transcript: &transcript)
        } catch { throw .rejected(at: location, error) }
    }

    func require(_ relation: String, _ got: Fr, equals expected: Fr) throws(InferenceVerificationError) {
        guard got == expected else { throw .relationMismatch(at: location, relation: relation, expected: expected, got: got) }
    }
}
