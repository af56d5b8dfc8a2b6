import ZKProof

/// One validator's signature over a block header hash; the validator is named by its index in
/// the genesis's sorted validator list.
public struct ValidatorSignature: Sendable, Hashable {
    public var validatorIndex: UInt16
    public var signature: Signature

    public init(validatorIndex: UInt16, signature: Signature) {
        self.validatorIndex = validatorIndex
        self.signature = signature
    }

    static let encodedByteCount = 2 + 64

    func write(into writer: inout ByteWriter) {
        writer.write(validatorIndex)
        writer.write(signature)
    }

    /// A list of at most `maximumValidators` signatures in strictly ascending index order (the
    /// one canonical order; duplicates are rejected here rather than silently dropped).
    static func readList(from reader: inout ByteReader, _ what: String) throws(DecodingError) -> [ValidatorSignature] {
        let count = try reader.readCount("\(what) count", limit: ChainLimits.maximumValidators)
        var signatures = [ValidatorSignature]()
        signatures.reserveCapacity(count)
        for index in 0..<count {
            let start = reader.offset
            let validatorIndex = try reader.readUInt16("\(what) \(index) validator index")
            if let last = signatures.last, last.validatorIndex >= validatorIndex {
                throw .invalidValue(what: "\(what) \(index) validator index", offset: start,
                                    reason: "validator indices must be unique and ascending (\(validatorIndex) after \(last.validatorIndex))")
            }
            signatures.append(ValidatorSignature(validatorIndex: validatorIndex,
                                                 signature: try reader.readSignature("\(what) \(index)")))
        }
        return signatures
    }

    static func writeList(_ signatures: [ValidatorSignature], into writer: inout ByteWriter) {
        writer.write(UInt32(clamping: signatures.count))
        for signature in signatures { signature.write(into: &writer) }
    }
}
