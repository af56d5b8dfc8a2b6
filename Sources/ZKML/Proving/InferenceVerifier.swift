import ZKAlgebra
import ZKProof

/// Checks an inference proof against a model descriptor. Throws the first failed check, with
/// where it happened; returns the proven outputs (one tensor per sample) on success.
public enum InferenceVerifier {
    @discardableResult
    public static func verify(
        _ proof: InferenceProof, descriptor: ModelDescriptor, scheme: LigeroCommitmentScheme = LigeroCommitmentScheme()
    ) throws(InferenceVerificationError) -> [Tensor<Int8>] {
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

        var transcript = InferenceTranscript.begin(
            circuitDigest: descriptor.circuit.digest, weights: descriptor.weightsCommitment,
            batchSize: proof.batchSize, input: proof.input, output: proof.output)
        let packing = InferenceTranscript.absorbWitness(proof.witnessCommitment, &transcript)
        func publicExtension(_ values: [Int8], _ layout: TensorLayout) -> DenseMultilinearPolynomial {
            DenseMultilinearPolynomial(evaluations: layout.embed(values).map { Fr($0) })
        }
        let publicTensors = [plan.inputRoot: publicExtension(proof.input, inputLayout),
                             plan.outputRoot: publicExtension(proof.output, outputLayout)]
        var role = VerifierRole(plan: plan, channel: VerifierChannel(transcript: transcript, reader: ByteReader(proof.body)),
                                packing: packing, publicTensors: publicTensors)
        try InferenceProtocol.run(&role)

        if let column = role.unknownColumns.first {
            throw .unsupportedCircuit(.unsupported(layer: -1, name: "\(column)", reason: "claim on a column the circuit does not commit"))
        }
        role.enter(.witnessOpening)
        let witnessClaims = role.witnessClaims.map { column, claim in
            EvaluationClaim(point: plan.witnessPlacement.globalPoint(claim.point, segment: column), value: claim.value)
        }
        try verifyOpening(proof.witnessCommitment, claims: witnessClaims,
                          scheme: LigeroCommitmentScheme(parameters: ProofParameters.witnessCommitment), channel: &role.channel)
        if !role.weightClaims.isEmpty {
            role.enter(.weightsOpening)
            let weightClaims = role.weightClaims.map { segment, claim in
                EvaluationClaim(point: plan.weights.globalPoint(claim.point, in: segment), value: claim.value)
            }
            try verifyOpening(descriptor.weightsCommitment, claims: weightClaims, scheme: scheme, channel: &role.channel)
        }
        do { try role.channel.reader.finish() } catch { throw .malformedProof(at: role.channel.location, error) }
        return proof.outputs(shape: descriptor.circuit.skeleton.outputShape)
    }

    static func verifyOpening(
        _ commitment: LigeroCommitmentScheme.Commitment, claims: [EvaluationClaim], scheme: LigeroCommitmentScheme,
        channel: inout VerifierChannel
    ) throws(InferenceVerificationError) {
        let layout = scheme.parameters.layout(variableCount: commitment.variableCount)
        let opening: LigeroOpeningProof
        do {
            let count = try channel.reader.readCount("opening length", limit: InferenceProof.maximumBodyBytes)
            let bytes = try channel.reader.readRaw(count, "opening")
            opening = try LigeroOpeningProof(decoding: bytes, parameters: scheme.parameters, layout: layout, claimCount: claims.count)
        } catch { throw .malformedProof(at: channel.location, error) }
        do { try scheme.verify(commitment, claims: claims, proof: opening, transcript: &channel.transcript) } catch {
            throw .rejected(at: channel.location, error)
        }
    }
}
