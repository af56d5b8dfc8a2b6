import Foundation
import ZKAlgebra
import ZKProof

/// The soundness error of every step of an inference proof for one circuit, and their sum
/// (a union bound). Field-size terms use |F| ≥ 2^253; see Sources/ZKML/Proving/SOUNDNESS.md.
public struct SoundnessBudget: Sendable {
    public struct Item: Sendable, Codable {
        public var component: String
        /// Upper bound on the probability that this step accepts a false claim.
        public var error: Double
        public var bits: Double { -log2(error) }
    }

    public var items: [Item]
    public var totalError: Double { items.reduce(0) { $0 + $1.error } }
    public var totalBits: Double { -log2(totalError) }

    static let fieldBits = Double(Fr.modulus.bitWidth - 1)

    public init(plan: CircuitPlan) {
        var items = [Item]()
        /// Count field-size terms: `count`/|F|.
        func algebraic(_ component: String, _ count: Int) {
            items.append(Item(component: component, error: Double(max(count, 1)) * pow(2, -Self.fieldBits)))
        }
        func sumcheck(variables: Int, degree: Int, claims: Int = 1) -> Int { degree * variables + (claims - 1) }
        for layer in plan.layers {
            let name = "layer \(layer.index) \(layer.name)"
            let output = plan.layouts[layer.outputRoot]
            if let rescale = layer.rescale {
                // Identity at a random point (Schwartz–Zippel on a multilinear) + per-channel sumcheck.
                let terms = output.variableCount + (rescale.isUniform ? 0 : sumcheck(variables: output.variableCount, degree: 3))
                algebraic("\(name): rescale identity", terms)
            }
            switch layer.step {
            case .dense:
                let input = plan.layouts[layer.inputRoots[0]]
                algebraic("\(name): matrix-multiplication sumcheck", sumcheck(variables: input.variableCount - input.dimensionBits[0], degree: 2))
            case let .conv(weights, _, _, _):
                let input = plan.layouts[layer.inputRoots[0]]
                let variables = input.dimensionBits[1] + input.dimensionBits[2] + input.dimensionBits[3]
                    + weights.paddedShape[2].trailingZeroBitCount + weights.paddedShape[3].trailingZeroBitCount
                algebraic("\(name): convolution sumcheck", sumcheck(variables: variables, degree: 3))
            case let .maxPool(kernelBits, _):
                let window = 1 << (kernelBits.0 + kernelBits.1)
                algebraic("\(name): max-pool product", output.variableCount + sumcheck(variables: output.variableCount, degree: 1 + window))
            default:
                break
            }
        }
        for (index, table) in plan.tables.enumerated() {
            let segments = plan.lookupSegments.filter { $0.table == index }
            let n = SegmentPlacement(logSizes: segments.map(\.logSize)).variableCount
            let t = table.bitCount
            // α: (2^n + 2^t)/|F|; tree layers: degree-3 sumchecks over j variables with 3 claims,
            // plus the sibling challenge; β (pairs only): a packed collision among 2^n·2^t pairs;
            // recombining the segments: a multilinear identity in n variables.
            var terms = Double(1 << n) + Double(1 << t) + Double(n)
            for j in 0..<max(n, t) { terms += Double((j < n ? 1 : 0) + (j < t ? 1 : 0)) * Double(3 * j + 3) }
            if case .range = table {} else { terms += Double(1 << n) * Double(1 << t) }
            items.append(Item(component: "lookup \(table.name) (2^\(n) looked up, 2^\(t) entries)", error: terms * pow(2, -Self.fieldBits)))
        }
        let witnessParameters = ProofParameters.witnessCommitment
        items.append(Item(component: "witness opening (Ligero rate 1/\(1 << witnessParameters.logInverseRate), \(witnessParameters.queryCount) queries)",
                          error: pow(2, -witnessParameters.soundnessBits(variableCount: plan.witnessPlacement.variableCount, claimCount: 4096))))
        if !plan.weights.segments.isEmpty {
            let weightsParameters = LigeroParameters.standard
            items.append(Item(component: "weights opening (Ligero rate 1/\(1 << weightsParameters.logInverseRate), \(weightsParameters.queryCount) queries)",
                              error: pow(2, -weightsParameters.soundnessBits(variableCount: plan.weights.variableCount, claimCount: 4096))))
        }
        self.items = items
    }
}
