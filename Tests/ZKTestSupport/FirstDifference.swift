/// The first index at which two arrays differ (or one ends), nil when they are equal. Long arrays
/// are compared with `#expect(firstDifference(a, b) == nil)` rather than `#expect(a == b)`: on
/// failure the latter diffs the two collections, which takes minutes for 10^5 elements.
@inlinable
public func firstDifference<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int? {
    let common = min(a.count, b.count)
    return (0..<common).first { a[$0] != b[$0] } ?? (a.count == b.count ? nil : common)
}
