import ZKAlgebra
import ZKProof

/// Checks an inference proof against a model descriptor. Throws the first failed check, with
/// where it happened; returns the proven outputs (one tensor per sample) on success.
public enum InferenceVerifier {
    @discardableResult
    public static func verify(
        _ proof: InferenceProof, descriptor: ModelDescriptor
    ) throws(InferenceVerificationError) -> [Tensor<Int8>] {
        _ = try run(proof, descriptor: descriptor)
        return proof.outputs(shape: descriptor.circuit.skeleton.outputShape)
    }

    /// Verifies and returns what the proof revealed to its verifier (every field element, and
    /// the openings with the transcript before each): the attack tests' view of a proof.
    package static func revealed(
        _ proof: InferenceProof, descriptor: ModelDescriptor
    ) throws(InferenceVerificationError) -> (scalars: [Fr], openings: [HidingVerifier.OpeningRecord]) {
        let stream = try run(proof, descriptor: descriptor)
        return (stream.revealedScalars, stream.openings)
    }

    private static func run(_ proof: InferenceProof, descriptor: ModelDescriptor) throws(InferenceVerificationError) -> HidingVerifier {
        // The descriptor re-derived its ID from its circuit and weights commitment when it was
        // loaded, so this one comparison binds the proof to circuit and weights.
        guard proof.modelID == descriptor.modelID else { throw .modelMismatch(expected: descriptor.modelID, got: proof.modelID) }
        let plan: CircuitPlan
        do { plan = try CircuitPlan(circuit: descriptor.circuit, batchSize: proof.batchSize) } catch { throw .unsupportedCircuit(error) }
        let inputLayout = plan.layouts[plan.inputRoot], outputLayout = plan.layouts[plan.outputRoot]
        guard proof.input.count == inputLayout.realCount else {
            throw .statementMismatch(what: "input length", expected: inputLayout.realCount, got: proof.input.count)
        }
        guard proof.output.count == outputLayout.realCount else {
            throw .statementMismatch(what: "output length", expected: outputLayout.realCount, got: proof.output.count)
        }
        guard descriptor.weightsCommitment.variableCount == plan.weights.variableCount else {
            throw .statementMismatch(what: "weights polynomial variables", expected: plan.weights.variableCount,
                                     got: descriptor.weightsCommitment.variableCount)
        }
        guard proof.witnessCommitment.variableCount == plan.witnessPlacement.variableCount else {
            throw .statementMismatch(what: "witness polynomial variables", expected: plan.witnessPlacement.variableCount,
                                     got: proof.witnessCommitment.variableCount)
        }
        guard proof.witnessCommitment.rows.count == proof.witnessCommitment.layout.rowCount else {
            throw .statementMismatch(what: "witness commitment rows", expected: proof.witnessCommitment.layout.rowCount,
                                     got: proof.witnessCommitment.rows.count)
        }

        var transcript = InferenceTranscript.begin(
            circuitDigest: descriptor.circuit.digest, weights: descriptor.weightsCommitment,
            batchSize: proof.batchSize, input: proof.input, output: proof.output)
        let packing = InferenceTranscript.absorbWitness(proof.witnessCommitment, &transcript)
        func publicExtension(_ values: [Int8], _ layout: TensorLayout) -> DenseMultilinearPolynomial {
            DenseMultilinearPolynomial(evaluations: layout.embed(values).map { Fr($0) })
        }
        let publicTensors = [plan.inputRoot: publicExtension(proof.input, inputLayout),
                             plan.outputRoot: publicExtension(proof.output, outputLayout)]
        var role = VerifierRole(plan: plan, stream: HidingVerifier(transcript: transcript, reader: ByteReader(proof.body)),
                                packing: packing, witnessCommitment: proof.witnessCommitment,
                                weightsCommitment: descriptor.weightsCommitment, publicTensors: publicTensors)
        try InferenceProtocol.run(&role)
        do { try role.stream.reader.finish() } catch { throw .malformedProof(at: role.location, error) }
        return role.stream
    }
}
