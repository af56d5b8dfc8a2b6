import Testing
import ZKAlgebra

@Test(arguments: [
    ("0", "0"), ("42", "42"), ("-42", "-42"), ("007", "7"), ("-0", "0"),
    ("0x0", "0"), ("0xff", "255"), ("0XFF", "255"), ("0xDeadBeef", "3735928559"), ("-0x10", "-16"),
    ("340282366920938463463374607431768211456", "340282366920938463463374607431768211456"),
    ("0x10000000000000000", "18446744073709551616"),
])
func bigIntegerParsesDecimalAndHexadecimal(text: String, decimal: String) throws {
    let value = try #require(BigInteger(text), "\(text) must parse")
    #expect(value.description == decimal)
}

@Test(arguments: ["", "-", "12a", " 1", "1 ", "0x", "-0x", "+1", "--1", "0x-1", "1_000", "1.5", "0b101", "ff", "\u{0661}", "x10"])
func bigIntegerRejectsMalformedText(text: String) {
    #expect(BigInteger(text) == nil, "\"\(text)\" must be rejected")
}

@Test func bigIntegerPrintsInDecimalAndHexadecimal() {
    let value = BigInteger(checked: "0x1234567890abcdef1234567890abcdef")
    #expect(value.toString(radix: 16) == "1234567890abcdef1234567890abcdef")
    #expect(value.toString() == "24197857200151252728969465429440056815")
    #expect((-value).toString(radix: 16) == "-1234567890abcdef1234567890abcdef")
    #expect(BigInteger(0).description == "0" && BigInteger(-1).description == "-1")
    #expect(BigInteger(UInt64.max).description == "18446744073709551615")
    #expect(BigInteger(Int.min).description == "-9223372036854775808")
    let literal: BigInteger = 12345
    #expect(literal.description == "12345")
}

/// Division rounds toward negative infinity (GMP's `fdiv`); `modulo` is the remainder in [0, |m|).
@Test func bigIntegerFloorDivisionAndModulo() {
    let cases: [(dividend: Int, divisor: Int, quotient: Int, remainder: Int)] = [
        (7, 2, 3, 1), (-7, 2, -4, 1), (7, -2, -4, 1), (-7, -2, 3, 1),
        (6, 3, 2, 0), (-6, 3, -2, 0), (0, 5, 0, 0), (-1, 5, -1, 4),
    ]
    for (dividend, divisor, quotient, remainder) in cases {
        let a = BigInteger(dividend), b = BigInteger(divisor)
        #expect(a / b == BigInteger(quotient), "\(dividend) / \(divisor)")
        #expect(a.modulo(b) == BigInteger(remainder), "\(dividend) mod \(divisor)")
    }
}

@Test func bigIntegerShiftsFloorTowardNegativeInfinity() {
    #expect(BigInteger(-1) >> 1 == BigInteger(-1))
    #expect(BigInteger(-8) >> 2 == BigInteger(-2))
    #expect(BigInteger(-9) >> 2 == BigInteger(-3))
    #expect(BigInteger(9) >> 2 == BigInteger(2))
    #expect(BigInteger(5) >> 0 == BigInteger(5))
    #expect(BigInteger(3) << 64 == BigInteger(checked: "0x30000000000000000"))
    #expect(BigInteger(-3) << 1 == BigInteger(-6))
    #expect((BigInteger(1) << 300) >> 300 == BigInteger(1))
}

@Test func bigIntegerEqualityComparisonAndHashing() {
    let values = ["-0x100000000000000000", "-5", "-1", "0", "1", "2", "18446744073709551615", "18446744073709551616"]
        .map { BigInteger(checked: $0) }
    for (i, a) in values.enumerated() {
        for (j, b) in values.enumerated() {
            #expect((a == b) == (i == j) && (a < b) == (i < j), "\(a) vs \(b)")
        }
    }
    var rng = SplitMix64(seed: 0xB16_0001)
    #expect(values.shuffled(using: &rng).sorted() == values)
    // Equal values built differently are equal and hash equally.
    let sixteen = [BigInteger(16), BigInteger(checked: "0x10"), BigInteger(checked: "16"),
                   BigInteger(UInt64(16)), BigInteger(littleEndianWords: [16, 0, 0]), BigInteger(littleEndianBytes: [16, 0])]
    #expect(Set(sixteen).count == 1)
    #expect(BigInteger(checked: "-0") == BigInteger(0))
}

@Test func bigIntegerWordsBytesAndProperties() {
    let value = BigInteger(checked: "0x0102030405060708090a0b0c0d0e0f10")
    #expect(value.littleEndianWords(count: 2) == [0x090a_0b0c_0d0e_0f10, 0x0102_0304_0506_0708])
    #expect(value.littleEndianWords(count: 3) == [0x090a_0b0c_0d0e_0f10, 0x0102_0304_0506_0708, 0])
    #expect(value.littleEndianWords(count: 1) == nil)
    #expect(BigInteger(littleEndianBytes: (1...16).reversed().map { UInt8($0) }) == value)
    #expect(BigInteger(littleEndianWords: []) == 0 && BigInteger(littleEndianBytes: []) == 0)
    #expect(value.bitWidth == 121 && BigInteger(0).bitWidth == 0 && BigInteger(1).bitWidth == 1)
    #expect(value.signum == 1 && (-value).signum == -1 && BigInteger(0).signum == 0)
    #expect(BigInteger(0).isZero && !value.isZero)
}

@Test func bigIntegerModularArithmetic() {
    let p = BigInteger(1_000_003)
    #expect(p.isProbablePrime() && !BigInteger(1_000_001).isProbablePrime())
    #expect(BigInteger(3).power(BigInteger(1_000_002), modulus: p) == 1)
    #expect(BigInteger(2).power(BigInteger(10), modulus: BigInteger(1000)) == 24)
    #expect(BigInteger(5).power(BigInteger(0), modulus: p) == 1)
    let inverse = BigInteger(12345).inverse(modulus: p)
    #expect(inverse.map { ($0 * BigInteger(12345)).modulo(p) } == 1)
    #expect(BigInteger(6).inverse(modulus: BigInteger(9)) == nil)
    #expect(BigInteger(0).inverse(modulus: p) == nil)
    #expect(BigInteger(-3) * BigInteger(4) - BigInteger(2) + BigInteger(20) == 6)
}
