import ZKAlgebra

/// A lookup table of 2^bitCount entries, each one field element or a pair packed as a + β·b with
/// a packing challenge β drawn after the witness is committed.
///
/// The prover needs every entry; the verifier needs only the table's multilinear extension at one
/// point, which it computes itself, so no table is ever committed.
public protocol LookupTable: Sendable {
    var bitCount: Int { get }
    /// Bytes that tell this table apart from every other one; absorbed into the transcript.
    var identifier: [UInt8] { get }
    /// Entry j (packed with β when the table has two columns), for j < 2^bitCount.
    func entries(packing beta: Fr) -> [Fr]
    /// The multilinear extension of `entries(packing:)` at `point` (little-endian variables).
    func evaluate(at point: [Fr], packing beta: Fr) -> Fr
}

extension LookupTable {
    public var size: Int { 1 << bitCount }
}
