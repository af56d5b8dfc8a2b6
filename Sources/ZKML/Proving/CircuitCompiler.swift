import ZKAlgebra
import ZKProof

extension CircuitPlan {
    /// Compiles `circuit` for proofs over `batchSize` inputs.
    public init(circuit: Circuit, batchSize: Int) throws(CircuitCompilationError) {
        try self.init(skeleton: circuit.skeleton, weights: circuit.layout, batchSize: batchSize)
    }

    init(skeleton model: ModelSkeleton, weights: WeightsLayout, batchSize: Int) throws(CircuitCompilationError) {
        guard (1...ProofParameters.maximumBatchSize).contains(batchSize) else { throw .invalidBatchSize(batchSize) }
        // The batch replaces the model's leading dimension, which must therefore be one sample.
        guard model.inputShape.first == 1 else {
            throw .unsupported(layer: 0, name: "input", reason: "the model input's leading dimension is \(model.inputShape.first ?? 0), not 1 (one sample; batches are formed by the prover)")
        }
        let tensorCount = model.layers.count + 1
        let roots = (0..<tensorCount).map(model.storageRoot(ofTensor:))
        var layouts = [TensorLayout?](repeating: nil, count: tensorCount)
        layouts[0] = TensorLayout(shape: [batchSize] + model.inputShape.dropFirst())
        var tables = [LookupTableKind]()
        var plans = [LayerPlan]()
        var segments = [LookupSegment]()
        var rescaledLayers = [(layer: Int, rescale: RescalePlan, output: Int)]()

        for (index, layer) in model.layers.enumerated() {
            let output = index + 1
            guard layer.inputs.allSatisfy({ $0 < output }), let firstInput = layer.inputs.first,
                  let inputLayout = layouts[roots[firstInput]] else {
                throw .unsupported(layer: index, name: layer.name, reason: "reads a tensor that is not computed before it")
            }
            let inputRoots = layer.inputs.map { roots[$0] }
            var compilation = LayerCompilation(
                index: index, layer: layer, batchSize: batchSize, weights: weights, inputLayout: inputLayout,
                inputRoots: inputRoots, logicalInput: [batchSize] + model.shape(ofTensor: firstInput).dropFirst(),
                layouts: layouts, outputLayout: TensorLayout(shape: [batchSize] + layer.outputShape.dropFirst()), tables: tables)
            let step = try Self.compileStep(layer.operation, &compilation)
            let outputLayout = compilation.outputLayout
            guard outputLayout.realCount == batchSize * layer.outputShape.dropFirst().reduce(1, *) else {
                throw compilation.unsupported("output layout \(outputLayout.shape) does not hold shape \(layer.outputShape)")
            }
            tables = compilation.tables
            // `compilation` (which shares `layouts`' storage) is done with before `layouts` changes.
            if roots[output] == output { layouts[output] = outputLayout } else { layouts[output] = layouts[roots[output]] }
            let plan = LayerPlan(index: index, name: layer.name, kind: layer.operation.kindName, step: step,
                                 inputRoots: inputRoots, outputRoot: roots[output])
            plans.append(plan)
            if let rescale = plan.rescale { rescaledLayers.append((index, rescale, output)) }
            segments += Self.lookupSegments(of: plan, output: output, logSize: outputLayout.variableCount)
        }

        let outputRoot = roots[tensorCount - 1]
        guard outputRoot != 0 else { throw .emptyModel }
        let finalLayouts = layouts.map { $0! }
        let (columns, logSizes) = Self.witnessColumns(roots: roots, outputRoot: outputRoot, layouts: finalLayouts,
                                                      rescaledLayers: rescaledLayers, tables: tables)
        let placement = SegmentPlacement(logSizes: logSizes)
        // Bounds what an untrusted descriptor can make a verifier allocate and compute.
        guard placement.variableCount <= ProofParameters.maximumWitnessVariables,
              finalLayouts.allSatisfy({ $0.variableCount <= ProofParameters.maximumWitnessVariables }) else {
            throw .tooLarge(variables: placement.variableCount, limit: ProofParameters.maximumWitnessVariables)
        }
        self.batchSize = batchSize
        self.layouts = finalLayouts
        self.roots = roots
        self.inputRoot = 0
        self.outputRoot = outputRoot
        self.layers = plans
        self.tables = tables
        self.columns = columns
        self.witnessPlacement = placement
        self.lookupSegments = segments
        self.weights = weights
    }

    /// What `plan`'s layer looks up, each over its 2^logSize output positions: a rescale's
    /// (q, out) clamp pairs and remainder limbs, a max-pool's differences, an activation's pairs.
    private static func lookupSegments(of plan: LayerPlan, output: Int, logSize: Int) -> [LookupSegment] {
        var segments = [LookupSegment]()
        let index = plan.index
        if let rescale = plan.rescale {
            segments.append(LookupSegment(table: rescale.clampTable, logSize: logSize,
                                          source: .clamp(layer: index, quotient: .quotient(layer: index), output: output)))
            for limb in 0..<rescale.limbCount {
                segments.append(LookupSegment(table: rescale.rangeTable, logSize: logSize,
                                              source: .remainderLimb(column: .remainderLimb(layer: index, limb: limb))))
            }
        }
        switch plan.step {
        case let .maxPool(kernelBits, rangeTable):
            segments += MaxPoolLayer.lookupSegments(layer: index, kernelBits: kernelBits, rangeTable: rangeTable,
                                                    logSize: logSize, input: plan.inputRoots[0], output: output)
        case let .lookup(table, _):
            segments += LookupLayer.lookupSegments(layer: index, table: table, logSize: logSize, input: plan.inputRoots[0], output: output)
        default:
            break
        }
        return segments
    }

    /// Witness columns and their sizes in bits: intermediate tensors, then per rescaled layer its
    /// quotients and remainder limbs, then the multiplicities of every table.
    private static func witnessColumns(
        roots: [Int], outputRoot: Int, layouts: [TensorLayout], rescaledLayers: [(layer: Int, rescale: RescalePlan, output: Int)],
        tables: [LookupTableKind]
    ) -> (columns: [WitnessColumn], logSizes: [Int]) {
        var columns = [WitnessColumn]()
        var logSizes = [Int]()
        for tensor in 1..<roots.count where roots[tensor] == tensor && tensor != outputRoot {
            columns.append(.tensor(tensor))
            logSizes.append(layouts[tensor].variableCount)
        }
        for (layer, rescale, output) in rescaledLayers {
            columns.append(.quotient(layer: layer))
            logSizes.append(layouts[output].variableCount)
            for limb in 0..<rescale.limbCount {
                columns.append(.remainderLimb(layer: layer, limb: limb))
                logSizes.append(layouts[output].variableCount)
            }
        }
        for (index, kind) in tables.enumerated() {
            columns.append(.multiplicities(table: index))
            logSizes.append(kind.bitCount)
        }
        return (columns, logSizes)
    }

    /// The step of one layer: forwards to its kind's `compile` in `Layers/<Kind>/`.
    private static func compileStep(_ operation: SkeletonOperation, _ compilation: inout LayerCompilation)
        throws(CircuitCompilationError) -> LayerPlan.Step {
        switch operation {
        case .reshape: return ReshapeLayer.compile(&compilation)
        case let .windows(geometry): return try WindowsLayer.compile(&compilation, geometry: geometry)
        case let .dense(weightShape, _, rescale): return try DenseLayer.compile(&compilation, weightShape: weightShape, rescale: rescale)
        case let .conv(_, _, geometry, rescale): return try ConvLayer.compile(&compilation, geometry: geometry, rescale: rescale)
        case let .groupedConv(_, _, geometry, groups, rescale):
            return try GroupedConvLayer.compile(&compilation, geometry: geometry, groups: groups, rescale: rescale)
        case let .maxPool(geometry): return try MaxPoolLayer.compile(&compilation, geometry: geometry)
        case let .averagePool(geometry, rescale): return try AveragePoolLayer.compile(&compilation, geometry: geometry, rescale: rescale)
        case let .globalAveragePool(rescale): return try GlobalAveragePoolLayer.compile(&compilation, rescale: rescale)
        case let .add(rescale): return try AddLayer.compile(&compilation, rescale: rescale)
        case let .concat(rescale): return try ConcatLayer.compile(&compilation, rescale: rescale)
        case let .channelSlice(start): return try ChannelSliceLayer.compile(&compilation, start: start)
        case let .transpose(permutation): return try TransposeLayer.compile(&compilation, permutation: permutation)
        case let .lookup(table, function): return try LookupLayer.compile(&compilation, table: table, function: function)
        }
    }
}
