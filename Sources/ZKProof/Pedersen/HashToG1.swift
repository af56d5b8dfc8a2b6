import ZKAlgebra

/// Points of BN254 G1 derived from a label and an index by try-and-increment with SHA-256:
/// for c = 0, 1, …, x = SHA-256("zkinfer.g1.try-and-increment.v1" ‖ u64(len label) ‖ label ‖
/// u64(index) ‖ u32(c)) read little-endian mod q, until x³ + 3 is a nonzero square; y is the
/// smaller root. Specified in `Vectors/SPEC.md` (BN254 G1), known answers from Python.
///
/// Why nobody knows discrete-log relations between the outputs: each x is a SHA-256 output of a
/// fixed public string, so finding log_G(P) for such a point is as hard as for a random point, and
/// choosing the points to know a relation would need control of SHA-256's outputs. About half of
/// all x are abscissas, so two tries are expected; the loop's early exits leak nothing secret
/// (the inputs are public). Try-and-increment is not constant time, which public generators do
/// not need, and is far simpler than the SVDW map.
public enum HashToG1 {
    public static let domain = Array("zkinfer.g1.try-and-increment.v1".utf8)

    /// The point for (`label`, `index`) and the counter that produced it.
    public static func point(label: [UInt8], index: UInt64) -> (point: G1Affine, counter: UInt32) {
        var counter: UInt32 = 0
        while true {
            var hasher = SHA256()
            hasher.update(domain)
            hasher.update(uint64: UInt64(label.count))
            hasher.update(label)
            hasher.update(uint64: index)
            withUnsafeBytes(of: counter.littleEndian) { hasher.update($0) }
            let x = Fq(reducing: hasher.finalize().bytes + [UInt8](repeating: 0, count: 32))
            // x³ + 3 = 0 has no solution mod q, so every square found here has two roots.
            if let point = G1Affine(x: x, largerRoot: false) { return (point, counter) }
            counter += 1
        }
    }
}
