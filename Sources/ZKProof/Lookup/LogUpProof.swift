import ZKAlgebra

/// A LogUp lookup proof (Haböck 2022) in its GKR form (Papini–Haböck 2023): the sums
/// Σ_i 1/(α − w_i) and Σ_j m_j/(α − t_j) are computed by two binary fraction trees, and each tree
/// is checked from the root down, one batched sumcheck per layer. Only the multiplicities need a
/// commitment; the helper columns 1/(α − ·) never exist.
///
/// Soundness: the rational identity fails for a random α with probability ≤ (n + T)/|F| when the
/// witness is not a multiset of table entries (n witness values, T table entries); a tree of depth
/// d adds, per layer j < d, a degree-3 sumcheck over j variables (3j/|F|), its 3-claim batching
/// (2/|F|) and the sibling challenge (1/|F|). With |F| ≈ 2^254 and n, T ≤ 2^30 the total stays
/// below 2^-200.
public struct LogUpProof: Sendable, Equatable {
    /// One layer of a fraction tree: the cross sums and the sumcheck that reduces the layer's claims to the next.
    public struct Layer: Sendable, Equatable {
        /// Σ eq·p0·q1 and Σ eq·p1·q0: they add up to the parent's numerator claim.
        public var crossSums: (Fr, Fr)
        public var sumcheck: SumcheckProof

        public static func == (a: Layer, b: Layer) -> Bool {
            a.crossSums.0 == b.crossSums.0 && a.crossSums.1 == b.crossSums.1 && a.sumcheck == b.sumcheck
        }
    }

    /// (numerator, denominator) of each tree's root.
    public var witnessRoot: (Fr, Fr)
    public var tableRoot: (Fr, Fr)
    public var witnessLayers: [Layer]
    public var tableLayers: [Layer]

    public static func == (a: LogUpProof, b: LogUpProof) -> Bool {
        a.witnessRoot == b.witnessRoot && a.tableRoot == b.tableRoot
            && a.witnessLayers == b.witnessLayers && a.tableLayers == b.tableLayers
    }

    /// The statement of the sumcheck that reduces a parent with `variableCount` variables.
    static func layerStatement(variableCount: Int, sums: (Fr, Fr), denominator: Fr) -> SumcheckStatement {
        SumcheckStatement(variableCount: variableCount, claimedSums: [sums.0, sums.1, denominator], factorCounts: [3, 3, 3])
    }

    /// Lengths follow from the witness and table sizes, never from the bytes.
    public func encode(into writer: inout ByteWriter) {
        writer.write([witnessRoot.0, witnessRoot.1, tableRoot.0, tableRoot.1])
        for layer in witnessLayers + tableLayers {
            writer.write([layer.crossSums.0, layer.crossSums.1])
            layer.sumcheck.encode(into: &writer)
        }
    }

    public init(witnessRoot: (Fr, Fr), tableRoot: (Fr, Fr), witnessLayers: [Layer], tableLayers: [Layer]) {
        self.witnessRoot = witnessRoot
        self.tableRoot = tableRoot
        self.witnessLayers = witnessLayers
        self.tableLayers = tableLayers
    }

    public init(decoding reader: inout ByteReader, witnessVariables: Int, table: some LookupTable) throws(DecodingError) {
        let roots = try reader.readFields(4, "lookup roots")
        witnessRoot = (roots[0], roots[1])
        tableRoot = (roots[2], roots[3])
        func layers(_ count: Int, _ tree: String) throws(DecodingError) -> [Layer] {
            var result = [Layer]()
            for variables in 0..<count {
                let sums = try reader.readFields(2, "lookup \(tree) layer \(variables) sums")
                let statement = Self.layerStatement(variableCount: variables, sums: (sums[0], sums[1]), denominator: .zero)
                result.append(Layer(crossSums: (sums[0], sums[1]), sumcheck: try SumcheckProof(decoding: &reader, statement: statement)))
            }
            return result
        }
        witnessLayers = try layers(witnessVariables, "witness")
        tableLayers = try layers(table.bitCount, "table")
    }
}

/// What a verified lookup leaves to discharge: the witness column's and the multiplicities'
/// multilinear extensions at random points (the table's is checked by the verifier itself).
public struct LogUpResult: Sendable, Equatable {
    public var witness: EvaluationClaim
    public var multiplicities: EvaluationClaim

    package init(witness: EvaluationClaim, multiplicities: EvaluationClaim) {
        self.witness = witness
        self.multiplicities = multiplicities
    }
}
