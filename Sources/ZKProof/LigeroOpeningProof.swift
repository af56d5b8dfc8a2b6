import ZKAlgebra

/// One opening of a Ligero commitment (possibly covering several claims).
///
/// Wire format. The body (all lengths follow from the verifier's parameters, layout and claim
/// count, never from the bytes, so a hostile proof cannot choose an allocation size):
/// [batching sumcheck when claimCount > 1] ‖ proximity row ‖ evaluation row ‖
/// per query: column (rowCount elements) ‖ Merkle siblings (logCodewordLength digests).
/// Inside a proof the body is written as it is (`encode(into:)`, `init(decoding: inout …)`): the
/// verifier already knows every parameter. Stored on its own (`encoded(…)`, `init(decoding: [UInt8], …)`),
/// version 1 prefixes it with a header that names them, so a mismatch is reported by name:
/// "ZKLO" ‖ u16 version ‖ u8 logInverseRate ‖ u16 queryCount ‖ u8 logRows ‖ u8 logColumns ‖ u32 claimCount.
public struct LigeroOpeningProof: Sendable, Equatable {
    public var batching: SumcheckProof?
    public var proximityRow: [Fr]
    public var evaluationRow: [Fr]
    public var columns: [[Fr]]
    public var paths: [[Digest]]

    public static let magic: [UInt8] = Array("ZKLO".utf8)
    public static let version: UInt16 = 1

    static func batchingStatement(variableCount: Int) -> SumcheckStatement {
        SumcheckStatement(variableCount: variableCount, claimedSums: [.zero], factorCounts: [2])
    }

    func checkShape(parameters: LigeroParameters, layout: LigeroLayout, claimCount: Int) throws(VerificationError) {
        if claimCount > 1 {
            guard batching != nil else {
                throw .commitmentShapeMismatch(what: "batching sumcheck count", expected: 1, got: 0)
            }
        } else if batching != nil {
            throw .commitmentShapeMismatch(what: "batching sumcheck count", expected: 0, got: 1)
        }
        guard proximityRow.count == layout.columnCount else {
            throw .commitmentShapeMismatch(what: "proximity row length", expected: layout.columnCount, got: proximityRow.count)
        }
        guard evaluationRow.count == layout.columnCount else {
            throw .commitmentShapeMismatch(what: "evaluation row length", expected: layout.columnCount, got: evaluationRow.count)
        }
        guard columns.count == parameters.queryCount, paths.count == parameters.queryCount else {
            throw .commitmentShapeMismatch(what: "opened column count", expected: parameters.queryCount, got: min(columns.count, paths.count))
        }
        for (query, column) in columns.enumerated() where column.count != layout.rowCount {
            throw .commitmentShapeMismatch(what: "length of opened column \(query)", expected: layout.rowCount, got: column.count)
        }
    }

    public func encoded(parameters: LigeroParameters, layout: LigeroLayout, claimCount: Int) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(UInt8(parameters.logInverseRate))
        writer.write(UInt16(parameters.queryCount))
        writer.write(UInt8(layout.logRows))
        writer.write(UInt8(layout.logColumns))
        writer.write(UInt32(claimCount))
        encode(into: &writer)
        return writer.bytes
    }

    /// Writes the body alone, as a proof nests it.
    public func encode(into writer: inout ByteWriter) {
        batching?.encode(into: &writer)
        writer.write(proximityRow)
        writer.write(evaluationRow)
        for (column, path) in zip(columns, paths) {
            writer.write(column)
            for sibling in path { writer.write(sibling) }
        }
    }

    public init(
        batching: SumcheckProof?, proximityRow: [Fr], evaluationRow: [Fr], columns: [[Fr]], paths: [[Digest]]
    ) {
        self.batching = batching
        self.proximityRow = proximityRow
        self.evaluationRow = evaluationRow
        self.columns = columns
        self.paths = paths
    }

    /// Decodes a stored opening (header and body) from untrusted bytes against what the verifier
    /// expects; rejects anything else, including trailing bytes.
    public init(
        decoding bytes: [UInt8], parameters: LigeroParameters, layout: LigeroLayout, claimCount: Int
    ) throws(DecodingError) {
        self = try ByteReader.decodeWhole(bytes) { reader throws(DecodingError) in
            try Self.readHeader(&reader, parameters: parameters, layout: layout, claimCount: claimCount)
            return try LigeroOpeningProof(decoding: &reader, parameters: parameters, layout: layout, claimCount: claimCount)
        }
    }

    /// Checks a stored opening's header against the verifier's parameters, field by field.
    private static func readHeader(
        _ reader: inout ByteReader, parameters: LigeroParameters, layout: LigeroLayout, claimCount: Int
    ) throws(DecodingError) {
        let magic = try reader.readRaw(4, "opening magic")
        guard magic == Self.magic else { throw .badMagic(expected: Self.magic, got: magic) }
        let version = try reader.readUInt16("opening version")
        guard version == Self.version else {
            throw .unsupportedVersion(what: "opening proof", got: Int(version), supported: Int(Self.version))
        }
        func expect(_ what: String, _ expected: Int, _ read: (inout ByteReader) throws(DecodingError) -> Int) throws(DecodingError) {
            let start = reader.offset
            let got = try read(&reader)
            guard got == expected else { throw .invalidValue(what: what, offset: start, reason: "is \(got), verifier expects \(expected)") }
        }
        try expect("log inverse rate", parameters.logInverseRate) { r throws(DecodingError) in Int(try r.readUInt8("log inverse rate")) }
        try expect("query count", parameters.queryCount) { r throws(DecodingError) in Int(try r.readUInt16("query count")) }
        try expect("log rows", layout.logRows) { r throws(DecodingError) in Int(try r.readUInt8("log rows")) }
        try expect("log columns", layout.logColumns) { r throws(DecodingError) in Int(try r.readUInt8("log columns")) }
        try expect("claim count", claimCount) { r throws(DecodingError) in Int(try r.readUInt32("claim count")) }
    }

    /// Reads an opening's body from `reader` (as nested in a proof) against what the verifier
    /// expects, like every other part of a proof (`SumcheckProof`, `LogUpProof`).
    public init(
        decoding reader: inout ByteReader, parameters: LigeroParameters, layout: LigeroLayout, claimCount: Int
    ) throws(DecodingError) {
        batching = claimCount > 1
            ? try SumcheckProof(decoding: &reader, statement: Self.batchingStatement(variableCount: layout.variableCount))
            : nil
        proximityRow = try reader.readFields(layout.columnCount, "proximity row")
        evaluationRow = try reader.readFields(layout.columnCount, "evaluation row")
        columns = []
        paths = []
        for query in 0..<parameters.queryCount {
            columns.append(try reader.readFields(layout.rowCount, "column of query \(query)"))
            var path = [Digest]()
            for _ in 0..<layout.logCodewordLength { path.append(try reader.readDigest("Merkle path of query \(query)")) }
            paths.append(path)
        }
    }
}

extension LigeroCommitmentScheme.Commitment {
    /// u8 version ‖ u8 variableCount ‖ 32-byte root.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        writer.write(UInt8(1))
        writer.write(UInt8(variableCount))
        writer.write(root)
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        var reader = ByteReader(bytes)
        let version = Int(try reader.readUInt8("commitment version"))
        guard version == 1 else { throw .unsupportedVersion(what: "commitment", got: version, supported: 1) }
        let variableCount = Int(try reader.readUInt8("variable count"))
        guard variableCount <= 40 else {
            throw .limitExceeded(what: "variable count", offset: 1, value: variableCount, limit: 40)
        }
        let root = try reader.readDigest("commitment root")
        try reader.finish()
        self.init(root: root, variableCount: variableCount)
    }
}
