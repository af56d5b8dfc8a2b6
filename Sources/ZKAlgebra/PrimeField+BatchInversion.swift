extension PrimeField {
    /// Replaces every non-zero element by its inverse with one field inversion in total
    /// (Montgomery's trick); zeros stay zero so callers need not filter them.
    public static func batchInvert(_ values: inout [Self]) {
        var prefix = [Self]()
        prefix.reserveCapacity(values.count)
        var running = Self.one
        for value in values {
            prefix.append(running)
            if !value.isZero { running = running * value }
        }
        // `running` is a product of non-zero elements, hence invertible.
        guard var inverse = running.inverse else { return }
        for index in values.indices.reversed() where !values[index].isZero {
            let value = values[index]
            values[index] = inverse * prefix[index]
            inverse = inverse * value
        }
    }

    /// Non-mutating twin of `batchInvert`.
    public static func batchInverted(_ values: [Self]) -> [Self] {
        var copy = values
        batchInvert(&copy)
        return copy
    }
}
