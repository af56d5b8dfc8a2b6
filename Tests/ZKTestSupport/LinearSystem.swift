import ZKAlgebra

/// A linear system over Fr, solved by Gaussian elimination (the attacker's tool).
public struct LinearSystem {
    public var rows: [[Fr]]
    public var right: [Fr]

    public init(rows: [[Fr]], right: [Fr]) {
        self.rows = rows
        self.right = right
    }

    /// Row-reduces [rows | right]; returns the rank of `rows`, whether the system is consistent,
    /// and a solution with free unknowns set to zero when it is.
    public func reduce() -> (rank: Int, consistent: Bool, solution: [Fr]) {
        let unknowns = rows.first?.count ?? 0
        var matrix = zip(rows, right).map { $0 + [$1] }
        var pivotColumns = [Int]()
        var rank = 0
        for column in 0..<unknowns where rank < matrix.count {
            guard let pivot = (rank..<matrix.count).first(where: { !matrix[$0][column].isZero }) else { continue }
            matrix.swapAt(rank, pivot)
            let inverse = matrix[rank][column].inverse!
            matrix[rank] = matrix[rank].map { $0 * inverse }
            for other in matrix.indices where other != rank && !matrix[other][column].isZero {
                let factor = matrix[other][column]
                matrix[other] = zip(matrix[other], matrix[rank]).map { $0 - factor * $1 }
            }
            pivotColumns.append(column)
            rank += 1
        }
        let consistent = matrix[rank...].allSatisfy { $0[unknowns].isZero }
        var solution = [Fr](repeating: .zero, count: unknowns)
        for (row, column) in pivotColumns.enumerated() { solution[column] = matrix[row][unknowns] }
        return (rank, consistent, solution)
    }

    public var rank: Int { reduce().rank }

    /// The solution when the system is consistent and determined.
    public func solve() -> (consistent: Bool, solution: [Fr]?) {
        let (rank, consistent, solution) = reduce()
        return (consistent, consistent && rank == (rows.first?.count ?? 0) ? solution : nil)
    }
}
