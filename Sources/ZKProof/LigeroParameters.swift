import Foundation
import ZKAlgebra

/// Parameters of the Ligero-style commitment, with the soundness they buy derived from them.
///
/// The polynomial's 2^v evaluations form a matrix of 2^a rows × 2^b columns (index = row·2^b +
/// column, so the low b variables pick the column). Each row is Reed–Solomon encoded at rate
/// ρ = 2^-logInverseRate (codeword length n = 2^b/ρ); the columns of the encoded matrix are the
/// leaves of a Merkle tree.
///
/// Soundness (per opening), with RS distance D = n − 2^b + 1 and unique-decoding radius
/// e = ⌊(D − 1)/2⌋:
/// - If the committed matrix is farther than e (in columns) from every matrix of codewords, the
///   verifier's random combination of rows is also farther than e from the code except with
///   probability ≤ n/|F| (proximity gaps for Reed–Solomon codes in the unique-decoding regime,
///   Ben-Sasson–Carmon–Ishai–Kopparty–Saraf 2020, affine-space version); then each query
///   catches the mismatch with probability > e/n.
/// - Otherwise the matrix decodes uniquely; a row combination that differs from the decoded one
///   is a different codeword, which disagrees with the column combination on ≥ D − e positions.
/// Either way a cheating opening passes one uniformly random query with probability at most
/// 1 − (e + 1)/n ≤ (1 + ρ)/2, so t queries give ε ≤ ((1 + ρ)/2)^t + n/|F|.
/// Batching s claims adds a degree-2 sumcheck over v variables: ≤ (2v + s)/|F|.
public struct LigeroParameters: Sendable, Equatable {
    public var logInverseRate: Int
    public var queryCount: Int

    public init(logInverseRate: Int, queryCount: Int) {
        precondition(logInverseRate >= 1 && logInverseRate <= 8 && queryCount >= 1 && queryCount <= 4096)
        self.logInverseRate = logInverseRate
        self.queryCount = queryCount
    }

    /// Rate 1/8 and 122 queries: ((1 + 1/8)/2)^122 = 2^-101.3. Among rates 1/2…1/16 this gives the
    /// smallest proof at ≥ 100 bits for 2^20-element polynomials (1/4 needs 148 queries and
    /// larger columns; 1/16 saves 11 queries but doubles commit time and memory).
    public static let standard = LigeroParameters(logInverseRate: 3, queryCount: 122)

    /// Rate 1/4 and 151 queries: ((1 + 1/4)/2)^151 = 2^-102.4. Half the encoding work and memory
    /// of `standard` for about 20% more opened data: for commitments made on every proof (the
    /// witness), where commit time dominates. (148 queries would reach 2^-100.4 alone; 151 leave
    /// room for the weights opening in an inference proof's total.)
    public static let fastCommit = LigeroParameters(logInverseRate: 2, queryCount: 151)

    /// Soundness of one opening of a polynomial in `variableCount` variables batching
    /// `claimCount` claims, in bits (−log₂ ε, see the type's documentation).
    public func soundnessBits(variableCount: Int, claimCount: Int = 1) -> Double {
        let layout = self.layout(variableCount: variableCount)
        let rate = pow(2.0, -Double(logInverseRate))
        let queryError = pow((1 + rate) / 2, Double(queryCount))
        let fieldBits = Double(Fr.modulus.bitWidth - 1)
        let proximityGapError = pow(2.0, Double(layout.logCodewordLength) - fieldBits)
        let batchingError = claimCount > 1 ? Double(2 * variableCount + claimCount) * pow(2.0, -fieldBits) : 0
        return -log2(queryError + proximityGapError + batchingError)
    }

    /// The matrix shape for a polynomial in `variableCount` variables: the column count that
    /// minimises the opening's size (two rows of 2^b elements against t columns of 2^a elements
    /// plus t Merkle paths).
    public func layout(variableCount: Int) -> LigeroLayout {
        var best = LigeroLayout(logRows: variableCount, logColumns: 0, logInverseRate: logInverseRate)
        var bestBytes = Int.max
        for logColumns in 0...variableCount {
            let candidate = LigeroLayout(logRows: variableCount - logColumns, logColumns: logColumns,
                                         logInverseRate: logInverseRate)
            let bytes = estimatedOpeningBytes(candidate)
            if bytes < bestBytes { best = candidate; bestBytes = bytes }
        }
        return best
    }

    func estimatedOpeningBytes(_ layout: LigeroLayout) -> Int {
        32 * (2 * layout.columnCount + queryCount * (layout.rowCount + layout.logCodewordLength))
    }
}

/// The matrix shape of one committed polynomial.
public struct LigeroLayout: Sendable, Equatable {
    public var logRows: Int
    public var logColumns: Int
    public var logInverseRate: Int

    public var rowCount: Int { 1 << logRows }
    public var columnCount: Int { 1 << logColumns }
    public var logCodewordLength: Int { logColumns + logInverseRate }
    public var codewordLength: Int { 1 << logCodewordLength }
    public var variableCount: Int { logRows + logColumns }
}
