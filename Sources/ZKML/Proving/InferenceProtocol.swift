import ZKAlgebra
import ZKProof

/// The whole interactive part of an inference proof, shared by prover and verifier (and by the
/// soundness budget, which runs it with a recording role): layers from the output back to the
/// input (each turning a random point on its output into claims on its inputs, its weights and
/// committed columns), one lookup argument per table, one opening per commitment, then the proof
/// of every linear relation over the committed values.
enum InferenceProtocol {
    /// `shouldStop` is asked before each layer and each lookup: when it answers true the run
    /// ends with `.stopped` (a prover's time limit; the transcript is then of no use).
    static func run<Role: ProofRole>(
        _ role: inout Role, progress: (String) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws(InferenceVerificationError) {
        for layer in role.plan.layers.reversed() {
            progress("layer \(layer.index) \(layer.name)")
            let location = ProofLocation.layer(index: layer.index, name: layer.name, kind: layer.kind)
            if shouldStop() { throw .stopped(at: location) }
            role.enter(location)
            switch layer.step {
            case let .dense(weights, bias, rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try DenseProtocol.run(&role, layer: layer, weights: weights, bias: bias, accumulator: accumulator)
            case let .conv(weights, bias, geometry, rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try ConvProtocol.run(&role, layer: layer, weights: weights, bias: bias, geometry: geometry, accumulator: accumulator)
            case let .groupedConv(weights, bias, geometry, groups, rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try GroupedConvProtocol.run(&role, layer: layer, weights: weights, bias: bias, geometry: geometry, groups: groups,
                                            accumulator: accumulator)
            case let .maxPool(kernelBits, _):
                try MaxPoolProtocol.run(&role, layer: layer, kernelBits: kernelBits)
            case let .averagePool(kernelBits, rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try AveragePoolProtocol.run(&role, layer: layer, kernelBits: kernelBits, accumulator: accumulator)
            case let .windowSum(geometry, rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try WindowSumProtocol.run(&role, layer: layer, geometry: geometry, accumulator: accumulator)
            case let .globalAveragePool(rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try GlobalAveragePoolProtocol.run(&role, layer: layer, accumulator: accumulator)
            case let .add(left, right, rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try AddProtocol.run(&role, layer: layer, left: left, right: right, accumulator: accumulator)
            case let .concat(rescale):
                let accumulator = try RescaleProtocol.run(&role, layer: layer, rescale: rescale)
                try ConcatProtocol.run(&role, layer: layer, accumulator: accumulator)
            case let .transpose(permutation):
                try TransposeProtocol.run(&role, layer: layer, permutation: permutation)
            case let .channelSlice(start):
                try ChannelSliceProtocol.run(&role, layer: layer, start: start)
            case let .windows(geometry):
                try WindowsProtocol.run(&role, layer: layer, geometry: geometry)
            case .lookup, .alias:
                // Activations are pure lookups; aliases are relabellings.
                break
            }
        }
        for (index, table) in role.plan.tables.enumerated() {
            progress("lookup \(table.name)")
            if shouldStop() { throw .stopped(at: .lookup(table: table.name)) }
            role.enter(.lookup(table: table.name))
            try LookupProtocol.run(&role, table: index)
        }
        // Every claim on a commitment is now known: each commitment is opened once, the
        // witness first.
        progress("openings")
        role.enter(.witnessOpening)
        try role.openWitness()
        if role.hasWeightClaims {
            role.enter(.weightsOpening)
            try role.openWeights()
        }
        try role.finish()
    }
}

/// One definition of how an inference transcript starts: protocol version, circuit
/// digest, weights commitment, batch size, public input and output, then the witness commitment
/// and the lookup packing challenge.
enum InferenceTranscript {
    static let domain = "zkinfer.inference.v2"

    static func begin(
        circuitDigest: Digest, weights: PedersenCommitmentScheme.Commitment, batchSize: Int, input: [Int8], output: [Int8]
    ) -> Transcript {
        var transcript = Transcript(domain: domain)
        transcript.absorb(.inferenceStatement, uint64: UInt64(ProofParameters.protocolVersion))
        transcript.absorb(.inferenceStatement, digest: circuitDigest)
        transcript.absorb(.inferenceStatement, digest: weights.digest)
        transcript.absorb(.inferenceStatement, uint64: UInt64(weights.variableCount))
        transcript.absorb(.inferenceStatement, uint64: UInt64(batchSize))
        transcript.absorb(.inferenceStatement, bytes: input.map { UInt8(bitPattern: $0) })
        transcript.absorb(.inferenceStatement, bytes: output.map { UInt8(bitPattern: $0) })
        return transcript
    }

    static func absorbWitness(_ commitment: PedersenCommitmentScheme.Commitment, _ transcript: inout Transcript) -> Fr {
        transcript.absorb(.inferenceWitness, digest: commitment.digest)
        transcript.absorb(.inferenceWitness, uint64: UInt64(commitment.variableCount))
        return transcript.challengeScalar(.lookupPacking)
    }
}
