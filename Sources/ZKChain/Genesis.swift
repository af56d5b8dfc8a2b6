import ZKProof

/// The chain's first, unsigned definition: its name, start time, validator keys and how many of
/// them must sign each block. Its hash is the chain ID that every transaction signs, so a
/// transaction or receipt of one chain never validates on another.
public struct Genesis: Sendable, Hashable {
    public let chainName: String
    /// Milliseconds since the Unix epoch; block 1 may not be older.
    public let timestamp: UInt64
    /// Distinct keys in ascending byte order; a block signature names its signer by index here.
    public let validators: [PublicKey]
    /// Signatures a block needs, 1…validators.count.
    public let threshold: Int

    static let encodingVersion: UInt8 = 1

    /// Sorts `validators` (their order is canonical, so indices are well defined) and checks
    /// every rule: a name of 1…256 UTF-8 bytes, 1…256 distinct validators, 1 ≤ threshold ≤ count.
    public init(chainName: String, timestamp: UInt64, validators: [PublicKey], threshold: Int) throws(ChainDecodingError) {
        try self.init(chainName: chainName, timestamp: timestamp, sortedValidators: validators.sorted(), threshold: threshold)
    }

    /// Validators must already be sorted (the JSON form is canonical: indices are positions).
    init(chainName: String, timestamp: UInt64, sortedValidators validators: [PublicKey], threshold: Int) throws(ChainDecodingError) {
        let nameBytes = chainName.utf8.count
        guard (1...ChainLimits.maximumStringBytes).contains(nameBytes) else {
            throw .invalidGenesis("chain name is \(nameBytes) UTF-8 bytes, expected 1…\(ChainLimits.maximumStringBytes)")
        }
        if let scalar = ChainText.firstForbiddenScalar(in: chainName) {
            throw .invalidGenesis("chain name holds U+\(String(scalar.value, radix: 16, uppercase: true)); it must be printable text")
        }
        guard (1...ChainLimits.maximumValidators).contains(validators.count) else {
            throw .invalidGenesis("\(validators.count) validators, expected 1…\(ChainLimits.maximumValidators)")
        }
        for index in validators.indices.dropFirst() where !(validators[index - 1] < validators[index]) {
            let reason = validators[index - 1] == validators[index] ? "appears twice" : "is out of ascending order"
            throw .invalidGenesis("validator \(index) (\(validators[index].hex)) \(reason)")
        }
        guard (1...validators.count).contains(threshold) else {
            throw .invalidGenesis("threshold \(threshold) outside 1…\(validators.count)")
        }
        self.chainName = chainName
        self.timestamp = timestamp
        self.validators = validators
        self.threshold = threshold
    }

    /// Version, name, timestamp, validator count and keys, threshold.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter()
        writer.write(Self.encodingVersion)
        writer.write(string: chainName)
        writer.write(timestamp)
        writer.write(UInt32(clamping: validators.count))
        for validator in validators { writer.write(validator) }
        writer.write(UInt32(clamping: threshold))
        return writer.bytes
    }

    /// SHA-256("zkinfer.genesis.v1" ‖ encoding): the chain ID, and the previous hash of block 1.
    public var hash: Digest {
        var hasher = SHA256()
        hasher.update(ChainDomain.genesis)
        hasher.update(encoded())
        return hasher.finalize()
    }

    /// The index of `key` among the validators, if it is one.
    public func validatorIndex(of key: PublicKey) -> Int? {
        validators.firstIndex(of: key)
    }
}
