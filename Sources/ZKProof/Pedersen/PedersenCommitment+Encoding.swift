import ZKAlgebra

extension PedersenCommitmentScheme.Commitment {
    public static let version: UInt8 = 1
    /// Polynomials up to 2^40 evaluations (2^20 row commitments, 32 MiB).
    public static let maximumVariableCount = 40

    /// u8 version ‖ u8 variableCount ‖ row commitments (32 bytes each, compressed).
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        writer.write(Self.version)
        writer.write(UInt8(variableCount))
        for row in rows { writer.write(raw: row.compressed) }
        return writer.bytes
    }

    /// SHA-256("zkinfer.pedersen.commitment.v1" ‖ encoding): what a model ID binds.
    public var digest: Digest {
        var hasher = SHA256()
        hasher.update(Array("zkinfer.pedersen.commitment.v1".utf8))
        hasher.update(encoded)
        return hasher.finalize()
    }

    public init(decoding reader: inout ByteReader) throws(DecodingError) {
        let version = Int(try reader.readUInt8("commitment version"))
        guard version == Int(Self.version) else { throw .unsupportedVersion(what: "Pedersen commitment", got: version, supported: Int(Self.version)) }
        let start = reader.offset
        let variableCount = Int(try reader.readUInt8("variable count"))
        guard variableCount <= Self.maximumVariableCount else {
            throw .limitExceeded(what: "variable count", offset: start, value: variableCount, limit: Self.maximumVariableCount)
        }
        let layout = PedersenCommitmentScheme.Layout(variableCount: variableCount)
        var rows = [G1Affine]()
        for row in 0..<layout.rowCount { rows.append(try reader.readPoint("row commitment \(row)")) }
        self.init(variableCount: variableCount, rows: rows)
    }
}

extension PedersenCommitmentScheme.OpeningProof {
    /// Per claim: L_1…L_k ‖ R_1…R_k ‖ T (compressed points) ‖ z₁ ‖ z₂ (field elements); k follows
    /// from the commitment's layout and the claim count from the statement.
    public func encode(into writer: inout ByteWriter) {
        for argument in arguments {
            for point in argument.left + argument.right + [argument.finalCommitment] { writer.write(raw: point.compressed) }
            writer.write([argument.finalScalar, argument.finalBlinding])
        }
    }

    public init(decoding reader: inout ByteReader, layout: PedersenCommitmentScheme.Layout, claimCount: Int) throws(DecodingError) {
        var arguments = [InnerProductArgument]()
        let rounds = layout.logColumns
        for claim in 0..<claimCount {
            var left = [G1Affine](), right = [G1Affine]()
            for round in 0..<rounds { left.append(try reader.readPoint("claim \(claim) L_\(round)")) }
            for round in 0..<rounds { right.append(try reader.readPoint("claim \(claim) R_\(round)")) }
            let final = try reader.readPoint("claim \(claim) final commitment")
            let scalars = try reader.readFields(2, "claim \(claim) final scalars")
            arguments.append(InnerProductArgument(left: left, right: right, finalCommitment: final,
                                                  finalScalar: scalars[0], finalBlinding: scalars[1]))
        }
        self.init(arguments: arguments)
    }
}

extension ByteReader {
    /// An uncompressed G1 point (64 bytes, see `G1Affine.uncompressed`); malformed encodings are
    /// decoding errors at their offset.
    package mutating func readUncompressedPoint(_ what: String) throws(DecodingError) -> G1Affine {
        try readPoint(what, byteCount: 64, encoding: "an uncompressed") { try G1Affine(uncompressed: $0) }
    }

    /// A compressed G1 point, likewise.
    package mutating func readPoint(_ what: String) throws(DecodingError) -> G1Affine {
        try readPoint(what, byteCount: 32, encoding: "a compressed") { try G1Affine(compressed: $0) }
    }

    /// `byteCount` bytes decoded by `decode`; a failure is a decoding error at their offset.
    private mutating func readPoint(
        _ what: String, byteCount: Int, encoding: String, decode: ([UInt8]) throws -> G1Affine
    ) throws(DecodingError) -> G1Affine {
        let start = offset
        let bytes = try readRaw(byteCount, what)
        do {
            return try decode(bytes)
        } catch {
            throw .invalidValue(what: what, offset: start, reason: "not \(encoding) G1 point (\(error))")
        }
    }
}
