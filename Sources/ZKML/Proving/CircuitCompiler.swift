import ZKAlgebra
import ZKProof

extension CircuitPlan {
    /// Compiles `circuit` for proofs over `batchSize` inputs.
    public init(circuit: Circuit, batchSize: Int) throws(CircuitCompilationError) {
        try self.init(skeleton: circuit.skeleton, weights: circuit.layout, batchSize: batchSize)
    }

    init(skeleton model: QuantizedModel, weights: WeightsLayout, batchSize: Int) throws(CircuitCompilationError) {
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
        func table(_ kind: LookupTableKind) -> Int {
            if let index = tables.firstIndex(of: kind) { return index }
            tables.append(kind)
            return tables.count - 1
        }
        var plans = [LayerPlan]()
        var segments = [LookupSegment]()
        var rescaledLayers = [(layer: Int, rescale: RescalePlan, output: Int)]()

        for (index, layer) in model.layers.enumerated() {
            let output = index + 1
            func unsupported(_ reason: String) -> CircuitCompilationError {
                .unsupported(layer: index, name: layer.name, reason: reason)
            }
            guard layer.inputs.allSatisfy({ $0 < output }), let firstInput = layer.inputs.first,
                  let inputLayout = layouts[roots[firstInput]] else {
                throw unsupported("reads a tensor that is not computed before it")
            }
            let inputRoots = layer.inputs.map { roots[$0] }
            // The input as the model sees it, batch first.
            let logicalInput = [batchSize] + model.shape(ofTensor: firstInput).dropFirst()
            func rescalePlan(_ rescale: Rescale, channelAxis: Int?, uniform: Int64? = nil) throws(CircuitCompilationError) -> RescalePlan {
                guard rescale.lower <= 0, rescale.upper >= 0 else {
                    throw unsupported("clamp range [\(rescale.lower), \(rescale.upper)] excludes 0, so padding would not stay zero")
                }
                guard (1...Rescale.maximumShift).contains(rescale.shift) else { throw unsupported("rescale shift \(rescale.shift)") }
                // Scale M and 2^S by the same 2^k so S becomes a whole number of limbs: q is
                // unchanged and every remainder limb is a full range-table entry.
                let bits = ProofParameters.rangeBits
                let aligned = (rescale.shift + bits - 1) / bits * bits
                let multipliers = (uniform.map { [$0] } ?? rescale.multipliers).map { $0 << (aligned - rescale.shift) }
                let plan = RescalePlan(
                    multipliers: multipliers, channelAxis: uniform == nil ? channelAxis : nil,
                    shift: aligned, lower: rescale.lower, upper: rescale.upper,
                    clampTable: table(.clamp(lower: rescale.lower, upper: rescale.upper)),
                    rangeTable: table(.range(bits: ProofParameters.rangeBits)))
                if plan.isUniform, plan.multipliers[0] == 0 { throw unsupported("zero rescale multiplier") }
                return plan
            }
            func pool(_ geometry: PoolGeometry) throws(CircuitCompilationError) -> (Int, Int) {
                guard inputLayout.shape == logicalInput, logicalInput.count == 4 else { throw unsupported("pooling needs an NCHW input") }
                let (kh, kw) = (geometry.kernelHeight, geometry.kernelWidth)
                guard kh.nonzeroBitCount == 1, kw.nonzeroBitCount == 1, geometry.strideHeight == kh, geometry.strideWidth == kw,
                      geometry.padTop == 0, geometry.padLeft == 0, geometry.padBottom == 0, geometry.padRight == 0,
                      logicalInput[2] % kh == 0, logicalInput[3] % kw == 0 else {
                    throw unsupported("pooling windows must be power-of-two sized, equal to the stride, unpadded and tile the input")
                }
                return (kh.trailingZeroBitCount, kw.trailingZeroBitCount)
            }

            let step: LayerPlan.Step
            var outputLayout = TensorLayout(shape: [batchSize] + layer.outputShape.dropFirst())
            switch layer.operation {
            case .reshape:
                step = .alias
                outputLayout = inputLayout
            case let .dense(weightTensor, _, rescale):
                guard let weightSegment = weights.segment(layer: index, role: .weights),
                      let biasSegment = weights.segment(layer: index, role: .bias),
                      Array(weightSegment.shape.dropFirst()) == Array(inputLayout.shape.dropFirst()),
                      weightSegment.shape[0] == weightTensor.shape[0], layer.outputShape.count == 2 else {
                    throw unsupported("a dense layer must read a [batch, features…] tensor laid out like its weights")
                }
                step = .dense(weights: weightSegment, bias: biasSegment, rescale: try rescalePlan(rescale, channelAxis: 1))
            case let .conv(_, _, geometry, rescale):
                guard inputLayout.shape == logicalInput, logicalInput.count == 4, layer.outputShape.count == 4,
                      let weightSegment = weights.segment(layer: index, role: .weights),
                      let biasSegment = weights.segment(layer: index, role: .bias) else {
                    throw unsupported("a convolution needs an NCHW input")
                }
                step = .conv(weights: weightSegment, bias: biasSegment, geometry: geometry,
                             rescale: try rescalePlan(rescale, channelAxis: 1))
            case let .maxPool(geometry):
                // The product Π_j (out − x_j) has one factor per window element, plus eq.
                guard geometry.kernelHeight * geometry.kernelWidth < SumcheckStatement.maximumFactorCount else {
                    throw unsupported("max-pool windows above \(SumcheckStatement.maximumFactorCount - 1) elements")
                }
                step = .maxPool(kernelBits: try pool(geometry), rangeTable: table(.range(bits: ProofParameters.rangeBits)))
            case let .averagePool(geometry, rescale):
                let bits = try pool(geometry)
                let count = geometry.kernelHeight * geometry.kernelWidth
                guard rescale.multipliers.count >= count else { throw unsupported("missing multiplier for \(count)-element windows") }
                step = .averagePool(kernelBits: bits,
                                    rescale: try rescalePlan(rescale, channelAxis: nil, uniform: rescale.multipliers[count - 1]))
            case let .globalAveragePool(rescale):
                guard inputLayout.shape == logicalInput, logicalInput.count == 4,
                      outputLayout.shape == [batchSize, logicalInput[1], 1, 1] || outputLayout.shape == [batchSize, logicalInput[1]] else {
                    throw unsupported("global average pooling needs an NCHW input and an [N, C(, 1, 1)] output")
                }
                step = .globalAveragePool(rescale: try rescalePlan(rescale, channelAxis: nil, uniform: rescale.multipliers[0]))
            case let .add(rescale):
                guard inputRoots.count == 2, let rightLayout = layouts[inputRoots[1]], rightLayout == inputLayout,
                      rescale.multipliers.count == 2 else {
                    throw unsupported("both addends must share one layout")
                }
                outputLayout = inputLayout
                step = .add(left: rescale.multipliers[0], right: rescale.multipliers[1],
                            rescale: try rescalePlan(rescale, channelAxis: nil, uniform: 1))
            case let .lookup(values, function):
                guard values.count == 256 else { throw unsupported("activation tables have 256 entries") }
                outputLayout = inputLayout
                step = .lookup(table: table(.activation(function: function, table: values)), paddingOutput: Int64(values[128]))
            }
            if roots[output] == output { layouts[output] = outputLayout } else { layouts[output] = layouts[roots[output]] }
            guard outputLayout.realCount == batchSize * layer.outputShape.dropFirst().reduce(1, *) else {
                throw unsupported("output layout \(outputLayout.shape) does not hold shape \(layer.outputShape)")
            }
            let plan = LayerPlan(index: index, name: layer.name, kind: layer.operation.kindName, step: step,
                                 inputRoots: inputRoots, outputRoot: roots[output])
            plans.append(plan)
            let logSize = outputLayout.variableCount
            if let rescale = plan.rescale {
                rescaledLayers.append((index, rescale, output))
                segments.append(LookupSegment(table: rescale.clampTable, logSize: logSize,
                                              source: .clamp(layer: index, quotient: .quotient(layer: index), output: output)))
                for limb in 0..<rescale.limbCount {
                    segments.append(LookupSegment(table: rescale.rangeTable, logSize: logSize,
                                                  source: .remainderLimb(column: .remainderLimb(layer: index, limb: limb))))
                }
            }
            if case let .maxPool((hBits, wBits), rangeTable) = step {
                for dy in 0..<(1 << hBits) {
                    for dx in 0..<(1 << wBits) {
                        segments.append(LookupSegment(table: rangeTable, logSize: logSize, source: .poolDifference(
                            layer: index, output: output, input: inputRoots[0], offset: (dy, dx))))
                    }
                }
            }
            if case let .lookup(tableIndex, _) = step {
                segments.append(LookupSegment(table: tableIndex, logSize: logSize,
                                              source: .activation(layer: index, input: inputRoots[0], output: output)))
            }
        }

        let outputRoot = roots[tensorCount - 1]
        guard outputRoot != 0 else { throw .emptyModel }
        let finalLayouts = layouts.map { $0! }
        // Witness columns: intermediate tensors, then per layer its quotients and limbs, then
        // the multiplicities of every table.
        var columns = [WitnessColumn]()
        var logSizes = [Int]()
        for tensor in 1..<tensorCount where roots[tensor] == tensor && tensor != outputRoot {
            columns.append(.tensor(tensor))
            logSizes.append(finalLayouts[tensor].variableCount)
        }
        for (layer, rescale, output) in rescaledLayers {
            columns.append(.quotient(layer: layer))
            logSizes.append(finalLayouts[output].variableCount)
            for limb in 0..<rescale.limbCount {
                columns.append(.remainderLimb(layer: layer, limb: limb))
                logSizes.append(finalLayouts[output].variableCount)
            }
        }
        for (index, kind) in tables.enumerated() {
            columns.append(.multiplicities(table: index))
            logSizes.append(kind.bitCount)
        }
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
}
