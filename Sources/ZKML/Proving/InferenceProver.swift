import ZKAlgebra
import ZKProof

/// Proves inferences of one committed model. Built once per model (the weights commitment is the
/// expensive part and is reused), then `prove` runs per request.
public struct InferenceProver: Sendable {
    public let model: QuantizedModel
    public let descriptor: ModelDescriptor
    let weightsData: PedersenCommitmentScheme.ProverData

    /// Uses a committed model's stored commitment (no group operations).
    public init(committed: CommittedModel) {
        model = committed.model
        descriptor = committed.descriptor
        weightsData = committed.weightsProverData
    }

    /// Compiles the circuit and commits to the weights with a fresh blinding seed.
    public init(model: QuantizedModel) {
        self.init(committed: CommittedModel(committing: model))
    }

    /// Proves that the committed model maps every input of the batch to its output.
    /// `progress` receives a short description of each stage as it starts.
    /// `randomness` draws every blinding and mask (the system CSPRNG); only golden tests pass a
    /// deterministic one.
    /// `shouldStop` is asked between stages and layers; when it answers true the prover gives
    /// up with `.stopped` (a service's per-job time limit).
    public func prove(
        _ inputs: [Tensor<Int8>], randomness: ProverRandomness = .system, progress: (String) -> Void = { _ in },
        shouldStop: () -> Bool = { false }
    ) throws(InferenceProverError) -> InferenceProof {
        guard !inputs.isEmpty else { throw .emptyBatch }
        for (index, input) in inputs.enumerated() where input.shape != model.inputShape {
            throw .inputShapeMismatch(index: index, expected: model.inputShape, got: input.shape)
        }
        let plan: CircuitPlan
        do { plan = try CircuitPlan(circuit: descriptor.circuit, batchSize: inputs.count) } catch { throw .compilation(error) }

        progress("inference")
        if shouldStop() { throw .stopped(stage: "inference") }
        let traces = inputs.map(model.infer)
        progress("witness columns")
        let witness = try ProofWitness(plan: plan, traces: traces)
        let input = inputs.flatMap(\.scalars)
        let output = traces.flatMap(\.output.scalars)

        progress("witness polynomial")
        let transcript = InferenceTranscript.begin(
            circuitDigest: descriptor.circuit.digest, weights: descriptor.weightsCommitment,
            batchSize: inputs.count, input: input, output: output)
        let polynomial = witness.polynomial(plan: plan)
        progress("witness commitment (2^\(polynomial.variableCount) evaluations)")
        if shouldStop() { throw .stopped(stage: "witness commitment") }
        var stream = HidingProver(transcript: transcript, random: randomness)
        let (witnessCommitment, witnessData) = PedersenCommitmentScheme().commit(polynomial, random: &stream.random)
        let packing = InferenceTranscript.absorbWitness(witnessCommitment, &stream.transcript)

        let tables = ProverTables(plan: plan, witness: witness, weights: weightsData.evaluations)
        let openings = ProverRole.Openings(witness: witnessData, weights: weightsData)
        var role = ProverRole(plan: plan, tables: tables, stream: stream, packing: packing, openings: openings)
        do { try InferenceProtocol.run(&role, progress: progress, shouldStop: shouldStop) } catch {
            if case let .stopped(location) = error { throw .stopped(stage: "\(location)") }
            // Otherwise the prover's role never throws; reaching this is a bug, reported rather than trapped.
            throw .inconsistentWitness(layer: -1, reason: "\(error)")
        }
        return InferenceProof(modelID: descriptor.modelID, batchSize: inputs.count, input: input, output: output,
                              witnessCommitment: witnessCommitment, body: role.stream.writer.bytes)
    }
}
