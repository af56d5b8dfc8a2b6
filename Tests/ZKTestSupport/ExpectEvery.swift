import Testing

/// Checks `holds` on every item and reports the failures as one issue — how many, and the first
/// three counterexamples — so a broken property over thousands of items stays readable (and
/// fast: recording thousands of issues would dominate the run).
@inlinable
public func expectEvery<Item>(
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
