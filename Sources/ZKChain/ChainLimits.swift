/// Every size bound of the chain in one place. Decoders enforce them before allocating, and
/// validation enforces them again for values built in memory, so an oversized transaction can
/// neither be decoded nor accepted.
public enum ChainLimits {
    /// Names, versions, metadata keys and values, and the chain name, in UTF-8 bytes.
    public static let maximumStringBytes = 256
    /// Metadata entries per model registration.
    public static let maximumMetadataEntries = 32
    /// A metadata entry's key plus value, in UTF-8 bytes.
    public static let maximumMetadataEntryBytes = 1024
    /// One encoded transaction.
    public static let maximumTransactionBytes = 64 * 1024
    /// Transactions per block.
    public static let maximumBlockTransactions = 4096
    /// One encoded block.
    public static let maximumBlockBytes = 32 * 1024 * 1024
    /// Validators a genesis may name (block signatures carry a 16-bit index; this keeps a
    /// block's signature list, and the work of checking it, small).
    public static let maximumValidators = 256
    /// How far ahead of the validating node's clock a block timestamp may be, in milliseconds.
    public static let maximumClockSkewMilliseconds: UInt64 = 120_000
    /// A genesis JSON file.
    public static let maximumGenesisJSONBytes = 1024 * 1024
    /// One encoded receipt: two headers with their signatures, a transaction, a record and
    /// two Merkle paths.
    public static let maximumReceiptBytes = 256 * 1024
    /// Leaves of any tree a receipt's path may claim. Far above any real registry; it keeps
    /// path arithmetic on claimed tree sizes clear of overflow (a size of Int.max would trap).
    public static let maximumTreeLeaves = 1 << 48
}
