/// The name of an enum case, e.g. `"rootMismatch"` for `VerificationError.rootMismatch(…)`: used
/// to assert which case was thrown when its payload (a random challenge, a derived root) is not
/// worth recomputing. A case with a payload is the mirror's only child label; a case without one
/// has no children and is named by its description. Nil when there is no error.
public func caseName(of error: (any Error)?) -> String? {
    guard let error else { return nil }
    return Mirror(reflecting: error).children.first?.label ?? "\(error)"
}
