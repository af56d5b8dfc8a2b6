import Foundation
import Testing
import ZKAlgebra

// Shared helpers of the ZKAlgebra tests: a seeded random generator, the known-answer vector
// loader, and random operands that stress the limb code.


/// The repository's `Vectors/` folder, found by walking up from this source file to the package
/// root (the directory holding `Package.swift`). No SwiftPM resources are involved.
enum KnownAnswerVectors {
    static let directory: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.appendingPathComponent("Vectors")
            }
            directory.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func load<T: Decodable>(_ fileName: String, as type: T.Type = T.self) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

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

    static func randomElements(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Self] {
        (0..<count).map { _ in random(using: &generator) }
    }
}

/// Checks `holds` on every item and reports the failures as one issue — how many, and the first
/// three counterexamples — so a broken property over thousands of items stays readable (and
/// fast: recording thousands of issues would dominate the run).
func expectEvery<Item>(
    _ items: some Sequence<Item>, _ property: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ holds: (Item) throws -> Bool
) rethrows {
    var counterexamples = [String](), failureCount = 0, total = 0
    for item in items {
        total += 1
        guard try !holds(item) else { continue }
        failureCount += 1
        if counterexamples.count < 3 { counterexamples.append("\(item)") }
    }
    if failureCount > 0 {
        Issue.record("\(property): fails for \(failureCount) of \(total), first for \(counterexamples.joined(separator: "; "))",
                     sourceLocation: sourceLocation)
    }
}

/// The first index at which two arrays differ (or one ends), nil when they are equal. Long arrays
/// are compared with `#expect(firstDifference(a, b) == nil)` rather than `#expect(a == b)`: on
/// failure the latter diffs the two collections, which takes minutes for 10^5 elements.
func firstDifference<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int? {
    let common = min(a.count, b.count)
    return (0..<common).first { a[$0] != b[$0] } ?? (a.count == b.count ? nil : common)
}
