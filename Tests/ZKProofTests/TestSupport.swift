import Foundation
import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

// Helpers of the ZKProof tests: hex from vector files, random polynomials, byte flips and thrown
// errors. The repository loader, `caseName`, `expectEvery` and `firstDifference` come from
// ZKTestSupport.

/// Hex from a vector file; a malformed string is a broken vector file, reported as a failure.
func bytes(hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    try #require([UInt8](hexString: hex), "not hex: \(hex)", sourceLocation: sourceLocation)
}

func digest(hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Digest {
    try #require(Digest(hex: hex), "not a 32-byte hex digest: \(hex)", sourceLocation: sourceLocation)
}

extension DenseMultilinearPolynomial {
    static func random(variableCount: Int, using generator: inout some RandomNumberGenerator) -> Self {
        Self(evaluations: Fr.randomElements(1 << variableCount, using: &generator))
    }
}

/// A copy of `bytes` with the byte at `index` changed by `xor` (non-zero, so it really changes).
func flipping(_ bytes: [UInt8], at index: Int, with xor: UInt8 = 0x01) -> [UInt8] {
    precondition(xor != 0)
    var copy = bytes
    copy[index] ^= xor
    return copy
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
