internal import CGMP

/// Arbitrary-precision signed integer backed by GMP's `mpz_t`.
///
/// Not on any hot path: it parses and prints field elements, derives Montgomery constants from a
/// modulus, and is the reference the Montgomery arithmetic is tested against. Value semantics via
/// copy-on-write over a class that owns the `mpz_t`.
public struct BigInteger: Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Immutable once shared: every mutating path copies first (see `withMutableStorage`).
        let pointer: UnsafeMutablePointer<zk_mpz>

        init() {
            pointer = .allocate(capacity: 1)
            zk_mpz_init(pointer)
        }

        convenience init(copying other: Storage) {
            self.init()
            zk_mpz_set(pointer, other.pointer)
        }

        deinit {
            zk_mpz_clear(pointer)
            pointer.deallocate()
        }
    }

    @usableFromInline var storage: Storage

    public init() { storage = Storage() }

    public init(_ value: Int) {
        storage = Storage()
        zk_mpz_set_si(storage.pointer, value)
    }

    public init(_ value: UInt64) {
        storage = Storage()
        zk_mpz_set_ui(storage.pointer, UInt(value))
    }

    /// Parses a decimal or `0x`-prefixed hexadecimal string with an optional leading `-`.
    /// Returns nil for anything else (including empty strings and embedded spaces).
    public init?(_ text: String) {
        var digits = Substring(text)
        var negative = false
        if digits.hasPrefix("-") { negative = true; digits = digits.dropFirst() }
        var base: Int32 = 10
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { base = 16; digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
        if base == 10, !digits.allSatisfy({ $0.isNumber }) { return nil }
        storage = Storage()
        let status = zk_mpz_set_str(storage.pointer, String(digits), base)
        guard status == 0 else { return nil }
        if negative { zk_mpz_neg(storage.pointer, storage.pointer) }
    }

    /// The integer whose little-endian 64-bit words are `words`.
    public init(littleEndianWords words: [UInt64]) {
        storage = Storage()
        words.withUnsafeBufferPointer { buffer in
            zk_mpz_import_u64_le(storage.pointer, buffer.count, buffer.baseAddress)
        }
    }

    /// The non-negative integer whose little-endian bytes are `bytes`.
    public init(littleEndianBytes bytes: some Collection<UInt8>) {
        storage = Storage()
        let array = Array(bytes)
        array.withUnsafeBufferPointer { buffer in
            zk_mpz_import_bytes_le(storage.pointer, buffer.count, buffer.baseAddress)
        }
    }

    /// The magnitude as exactly `count` little-endian words, or nil when it does not fit.
    public func littleEndianWords(count: Int) -> [UInt64]? {
        var words = [UInt64](repeating: 0, count: count)
        let needed = words.withUnsafeMutableBufferPointer { buffer in
            zk_mpz_export_u64_le(storage.pointer, count, buffer.baseAddress)
        }
        return needed <= count ? words : nil
    }

    public var signum: Int { Int(zk_mpz_sgn(storage.pointer)) }
    public var isZero: Bool { signum == 0 }
    public var bitWidth: Int { isZero ? 0 : Int(zk_mpz_sizeinbase(storage.pointer, 2)) }

    public func toString(radix: Int = 10) -> String {
        precondition(radix == 10 || radix == 16, "radix must be 10 or 16")
        guard let cString = zk_mpz_get_str(storage.pointer, Int32(radix)) else { return "?" }
        defer { zk_free_str(cString) }
        return String(cString: cString)
    }

    /// Probabilistic primality (GMP's Baillie–PSW plus `rounds` Miller–Rabin rounds).
    public func isProbablePrime(rounds: Int = 30) -> Bool {
        zk_mpz_probab_prime_p(storage.pointer, Int32(rounds)) > 0
    }

    // MARK: Arithmetic through a fresh result (operands are never mutated).

    static func binary(
        _ a: BigInteger, _ b: BigInteger,
        _ operation: (UnsafeMutablePointer<zk_mpz>, UnsafePointer<zk_mpz>, UnsafePointer<zk_mpz>) -> Void
    ) -> BigInteger {
        let result = BigInteger()
        operation(result.storage.pointer, a.storage.pointer, b.storage.pointer)
        return result
    }

    public static func + (a: BigInteger, b: BigInteger) -> BigInteger { binary(a, b, zk_mpz_add) }
    public static func - (a: BigInteger, b: BigInteger) -> BigInteger { binary(a, b, zk_mpz_sub) }
    public static func * (a: BigInteger, b: BigInteger) -> BigInteger { binary(a, b, zk_mpz_mul) }

    /// Floor division (rounds toward negative infinity). Precondition: `b` is not zero.
    public static func / (a: BigInteger, b: BigInteger) -> BigInteger {
        precondition(!b.isZero, "division by zero")
        return binary(a, b, zk_mpz_fdiv_q)
    }

    public static prefix func - (a: BigInteger) -> BigInteger {
        let result = BigInteger()
        zk_mpz_neg(result.storage.pointer, a.storage.pointer)
        return result
    }

    /// The remainder in [0, |modulus|). Precondition: `modulus` is not zero.
    public func modulo(_ modulus: BigInteger) -> BigInteger {
        precondition(!modulus.isZero, "modulus is zero")
        return Self.binary(self, modulus, zk_mpz_mod)
    }

    /// `self^exponent mod modulus` for a non-negative exponent.
    public func power(_ exponent: BigInteger, modulus: BigInteger) -> BigInteger {
        precondition(exponent.signum >= 0 && !modulus.isZero, "negative exponent or zero modulus")
        let result = BigInteger()
        zk_mpz_powm(result.storage.pointer, storage.pointer, exponent.storage.pointer, modulus.storage.pointer)
        return result
    }

    /// The inverse modulo `modulus`, or nil when none exists.
    public func inverse(modulus: BigInteger) -> BigInteger? {
        let result = BigInteger()
        let exists = zk_mpz_invert(result.storage.pointer, storage.pointer, modulus.storage.pointer)
        return exists != 0 ? result : nil
    }

    public static func << (a: BigInteger, bits: Int) -> BigInteger {
        precondition(bits >= 0)
        let result = BigInteger()
        zk_mpz_mul_2exp(result.storage.pointer, a.storage.pointer, UInt(bits))
        return result
    }

    /// Floor shift right.
    public static func >> (a: BigInteger, bits: Int) -> BigInteger {
        precondition(bits >= 0)
        let result = BigInteger()
        zk_mpz_fdiv_q_2exp(result.storage.pointer, a.storage.pointer, UInt(bits))
        return result
    }

    /// Borrow the underlying `mpz_t` read-only, e.g. to benchmark GMP directly.
    func withUnsafeMPZ<Result>(_ body: (UnsafePointer<zk_mpz>) throws -> Result) rethrows -> Result {
        try body(storage.pointer)
    }
}

extension BigInteger: Equatable, Comparable, Hashable {
    public static func == (a: BigInteger, b: BigInteger) -> Bool {
        zk_mpz_cmp(a.storage.pointer, b.storage.pointer) == 0
    }

    public static func < (a: BigInteger, b: BigInteger) -> Bool {
        zk_mpz_cmp(a.storage.pointer, b.storage.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(toString(radix: 16)) }
}

extension BigInteger: CustomStringConvertible, ExpressibleByIntegerLiteral {
    public var description: String { toString() }
    public init(integerLiteral value: Int) { self.init(value) }
}
