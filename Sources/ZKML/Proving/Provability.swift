/// Why a model cannot be proven, by the node that stops it: what `import`, `commit` and
/// `register` report, so that nothing unprovable is committed or reaches the chain.
public struct UnprovableModel: Error, Equatable, CustomStringConvertible {
    /// The layer's index in the quantized model (-1 when the model as a whole is the problem).
    public var layer: Int
    /// The node's name, as the ONNX graph gave it.
    public var node: String
    /// The layer kind ("MaxPool", "Dense", …).
    public var kind: String
    public var reason: String

    public var description: String {
        layer < 0 ? "the model cannot be proven: \(reason)" : "node '\(node)' (\(kind), layer \(layer)) cannot be proven: \(reason)"
    }
}

extension Circuit {
    /// Compiles the circuit for one sample, exactly as the prover and the verifier do, and says
    /// which node stops it.
    public func checkProvable() throws(UnprovableModel) {
        do { _ = try CircuitPlan(circuit: self, batchSize: 1) } catch {
            switch error {
            case let .unsupported(layer, name, reason):
                let kind = skeleton.layers.indices.contains(layer) ? skeleton.layers[layer].operation.kindName : "input"
                throw UnprovableModel(layer: layer, node: name, kind: kind, reason: reason)
            case .emptyModel, .tooLarge, .invalidBatchSize:
                throw UnprovableModel(layer: -1, node: "", kind: "", reason: error.description)
            }
        }
    }
}

extension QuantizedModel {
    /// The index of the first input the prover would refuse, and why (nil when it would prove
    /// them all): the same witness the prover builds, per sample, so that `infer` never reports
    /// an output that no proof could back.
    public func firstUnprovableInput(_ inputs: [Tensor<Int8>]) -> (index: Int, error: InferenceProverError)? {
        let plan: CircuitPlan
        do { plan = try CircuitPlan(circuit: Circuit(compiling: self), batchSize: 1) } catch {
            return inputs.isEmpty ? nil : (0, .compilation(error))
        }
        for (index, input) in inputs.enumerated() {
            guard input.shape == inputShape else { return (index, .inputShapeMismatch(index: index, expected: inputShape, got: input.shape)) }
            do { _ = try ProofWitness(plan: plan, traces: [infer(input)]) } catch { return (index, error) }
        }
        return nil
    }
}
