/// What a prime field is to the rest of zkinfer, independent of how its arithmetic runs.
///
/// Laws (commutativity, associativity, distributivity, inverses, canonical encoding) are checked
/// for every conforming type by one reusable test template.
public protocol PrimeField: Hashable, Sendable, CustomStringConvertible {
    static var zero: Self { get }
    static var one: Self { get }
    /// The prime p as an arbitrary-precision integer.
    static var modulus: BigInteger { get }
    /// Length of the canonical encoding in bytes.
    static var byteCount: Int { get }

    init(_ value: UInt64)
    init(_ value: Int64)
    /// Reduces an arbitrary non-negative or negative integer modulo p.
    init(_ value: BigInteger)
    /// Reduces a `2 * byteCount`-byte little-endian string modulo p (for hash-derived challenges:
    /// the bias is below 2^-250 for BN254).
    init(reducing wideBytes: some Collection<UInt8>)
    /// Decodes a canonical little-endian encoding; nil for wrong length or a value ≥ p.
    init?(canonicalBytes bytes: some Collection<UInt8>)

    var canonicalBytes: [UInt8] { get }
    var bigInteger: BigInteger { get }
    var isZero: Bool { get }

    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self

    func squared() -> Self
    func doubled() -> Self
    /// `self^exponent` for an exponent given as little-endian 64-bit words.
    func power(_ exponentWords: [UInt64]) -> Self
    /// The multiplicative inverse, or nil for zero.
    var inverse: Self? { get }
}

extension PrimeField {
    @inlinable public static func += (a: inout Self, b: Self) { a = a + b }
    @inlinable public static func -= (a: inout Self, b: Self) { a = a - b }
    @inlinable public static func *= (a: inout Self, b: Self) { a = a * b }
    @inlinable public mutating func square() { self = squared() }

    @inlinable public func power(_ exponent: UInt64) -> Self { power([exponent]) }

    /// Σ a_i·b_i over the common length of `a` and `b`.
    @inlinable public static func innerProduct(_ a: [Self], _ b: [Self]) -> Self {
        zip(a, b).reduce(Self.zero) { $0 + $1.0 * $1.1 }
    }

    public func power(_ exponent: BigInteger) -> Self {
        precondition(exponent.signum >= 0, "negative exponent")
        let words = exponent.littleEndianWords(count: max(1, (exponent.bitWidth + 63) / 64)) ?? [0]
        return power(words)
    }

    public var description: String { bigInteger.description }

    /// A uniformly random element drawn from `generator` (by wide reduction of 64 bytes).
    public static func random(using generator: inout some RandomNumberGenerator) -> Self {
        var bytes = [UInt8]()
        bytes.reserveCapacity(2 * byteCount)
        while bytes.count < 2 * byteCount {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Self(reducing: bytes.prefix(2 * byteCount))
    }
}
