import ZKAlgebra

/// A tabulated function: entry j is the pair (inputs[j], outputs[j]) packed as input + β·output.
/// Used for clamps (quotient → int8) and int8 activations (Sigmoid, Tanh, …).
///
/// The verifier evaluates its multilinear extension densely, in O(2^bitCount) multiplications:
/// tables here have at most 2^16 entries, so that is cheaper than committing to them.
public struct FunctionTable: LookupTable, Equatable {
    public let bitCount: Int
    public let name: String
    public let inputs: [Int64]
    public let outputs: [Int64]

    /// Precondition: both columns have 2^bitCount entries.
    public init(name: String, inputs: [Int64], outputs: [Int64]) {
        precondition(inputs.count == outputs.count && inputs.count.nonzeroBitCount == 1, "columns of 2^k equal entries")
        self.bitCount = inputs.count.trailingZeroBitCount
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
    }

    public var identifier: [UInt8] {
        // The name carries the function and its parameters; the digest binds the values too.
        var hasher = SHA256()
        for value in inputs + outputs { hasher.update(withUnsafeBytes(of: value.littleEndian) { Array($0) }) }
        return Array(name.utf8) + [0] + hasher.finalize().bytes
    }

    public func entries(packing beta: Fr) -> [Fr] {
        zip(inputs, outputs).map { Fr($0) + beta * Fr($1) }
    }

    public func evaluate(at point: [Fr], packing beta: Fr) -> Fr {
        precondition(point.count == bitCount)
        let eq = EqualityPolynomial.table(at: point)
        var input = Fr.zero, output = Fr.zero
        for j in 0..<eq.count {
            input = input + eq[j] * Fr(inputs[j])
            output = output + eq[j] * Fr(outputs[j])
        }
        return input + beta * output
    }

    /// Index of the entry (input, output), if present; tables built here have distinct inputs.
    public func index(ofInput input: Int64) -> Int? {
        guard let first = inputs.first else { return nil }
        let offset = input - first
        guard offset >= 0, offset < Int64(inputs.count), inputs[Int(offset)] == input else { return nil }
        return Int(offset)
    }
}
