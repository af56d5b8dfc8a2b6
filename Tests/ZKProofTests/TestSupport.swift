import Foundation
import Testing
import ZKAlgebra
import ZKProof

// Shared helpers of the ZKProof tests: a seeded random generator, the known-answer vector loader,
// random polynomials, and a way to name the case of a thrown error.


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

/// Hex from a vector file; a malformed string is a broken vector file, reported as a failure.
func bytes(hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    try #require([UInt8](hexString: hex), "not hex: \(hex)", sourceLocation: sourceLocation)
}

func digest(hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Digest {
    try #require(Digest(hex: hex), "not a 32-byte hex digest: \(hex)", sourceLocation: sourceLocation)
}

extension Fr {
    static func randomElements(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Fr] {
        (0..<count).map { _ in random(using: &generator) }
    }
}

extension DenseMultilinearPolynomial {
    static func random(variableCount: Int, using generator: inout some RandomNumberGenerator) -> Self {
        Self(evaluations: Fr.randomElements(1 << variableCount, using: &generator))
    }
}

/// The name of an enum case, e.g. `"openingMerklePathInvalid"` for
/// `VerificationError.openingMerklePathInvalid(query: 0, …)`: used to assert which case a verifier
/// threw when its payload (a random challenge, a derived root) is not worth recomputing. Every
/// error case of the library carries a payload, so the case is the mirror's only child label.
func caseName(of error: (any Error)?) -> String? {
    guard let error else { return nil }
    return Mirror(reflecting: error).children.first?.label
}

/// A copy of `bytes` with the byte at `index` changed by `xor` (non-zero, so it really changes).
func flipping(_ bytes: [UInt8], at index: Int, with xor: UInt8 = 0x01) -> [UInt8] {
    precondition(xor != 0)
    var copy = bytes
    copy[index] ^= xor
    return copy
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

/// The error `body` throws, or nil when it returns.
func thrownError(_ body: () throws -> Void) -> (any Error)? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}

/// The first index at which two arrays differ (or one ends), nil when they are equal. Long arrays
/// are compared with `#expect(firstDifference(a, b) == nil)` rather than `#expect(a == b)`: on
/// failure the latter diffs the two collections, which takes minutes for 10^5 elements.
func firstDifference<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int? {
    let common = min(a.count, b.count)
    return (0..<common).first { a[$0] != b[$0] } ?? (a.count == b.count ? nil : common)
}
