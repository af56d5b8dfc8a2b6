import ZKAlgebra

/// An evaluation claim whose value is committed: P(point) = value.
public struct CommittedClaim: Sendable, Equatable {
    public var point: [Fr]
    public var value: CommittedValue

    public init(point: [Fr], value: CommittedValue) {
        self.point = point
        self.value = value
    }
}

/// What a zero-knowledge lookup leaves: claims on the looked-up witness and on the multiplicities.
public struct HidingLogUpResult: Sendable, Equatable {
    public var witness: CommittedClaim
    public var multiplicities: CommittedClaim

    package init(witness: CommittedClaim, multiplicities: CommittedClaim) {
        self.witness = witness
        self.multiplicities = multiplicities
    }
}
