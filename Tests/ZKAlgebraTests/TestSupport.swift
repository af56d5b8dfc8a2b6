import Foundation
import Testing
import ZKAlgebra

// Helpers of the ZKAlgebra tests: hex and integer parsing, and random operands that stress the limb
// code. The repository loader, `expectEvery` and `firstDifference` come from ZKTestSupport.

extension Array where Element == UInt8 {
    /// Decodes lowercase or uppercase hex; nil on odd length or any other character.
    init?(hex: String) {
        var bytes = [UInt8]()
        var high: UInt8?
        for character in hex.utf8 {
            guard let nibble = character.hexNibble else { return nil }
            if let h = high { bytes.append(h << 4 | nibble); high = nil } else { high = nibble }
        }
        guard high == nil else { return nil }
        self = bytes
    }
}

private extension UInt8 {
    var hexNibble: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension BigInteger {
    /// Parses a string the test itself wrote or read from a vector file; a typo is a test bug.
    init(checked text: String) {
        guard let value = BigInteger(text) else { fatalError("not an integer: \(text)") }
        self = value
    }

    /// 2^bits.
    static func powerOfTwo(_ bits: Int) -> BigInteger { BigInteger(1) << bits }

    /// A uniformly random integer in [0, 2^bits).
    static func random(bits: Int, using generator: inout some RandomNumberGenerator) -> BigInteger {
        let words = (0..<((bits + 63) / 64)).map { _ in generator.next() as UInt64 }
        return BigInteger(littleEndianWords: words).modulo(powerOfTwo(bits))
    }
}

extension PrimeField {
    /// The values where carries, borrows and reductions change behaviour: 0, 1, 2, p−1, p−2,
    /// (p±1)/2 and the powers of two at limb boundaries, reduced mod p.
    static var edgeValues: [BigInteger] {
        let p = modulus
        let half = (p - 1) / 2
        return [0, 1, 2, p - 1, p - 2, half, half + 1,
                .powerOfTwo(64) - 1, .powerOfTwo(64), .powerOfTwo(128), .powerOfTwo(192),
                BigInteger.powerOfTwo(255).modulo(p)]
    }

    /// A random operand: mostly uniform, sometimes small, sometimes just below p, so that
    /// short limbs and near-modulus values (where reductions happen) are well covered.
    static func randomOperand(using generator: inout some RandomNumberGenerator) -> BigInteger {
        switch generator.next() % 10 {
        case 0: BigInteger(generator.next() as UInt64)
        case 1: modulus - 1 - BigInteger(generator.next() as UInt64)
        default: BigInteger.random(bits: 256, using: &generator).modulo(modulus)
        }
    }
}
