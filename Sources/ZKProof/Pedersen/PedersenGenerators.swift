import Synchronization
import ZKAlgebra

/// The generators of zkinfer's Pedersen vector commitments: G_j = HashToG1("zkinfer.pedersen.bn254.v1/G", j)
/// for j = 0, 1, …, the blinding generator H = HashToG1("zkinfer.pedersen.bn254.v1/H", 0) and the
/// value generator U = HashToG1("zkinfer.pedersen.bn254.v1/U", 0).
/// Transparent: anyone recomputes them, and nobody knows a discrete-log relation among them
/// (see `HashToG1`), which is what makes the commitments binding.
///
/// Each hash costs a square root (~10 µs), so the prefix computed so far is kept for the process.
public enum PedersenGenerators {
    public static let vectorLabel = Array("zkinfer.pedersen.bn254.v1/G".utf8)
    public static let blindingLabel = Array("zkinfer.pedersen.bn254.v1/H".utf8)
    public static let valueLabel = Array("zkinfer.pedersen.bn254.v1/U".utf8)

    /// H, which multiplies every blinding scalar.
    public static let blinding: G1Affine = HashToG1.point(label: blindingLabel, index: 0).point
    /// U = HashToG1("zkinfer.pedersen.bn254.v1/U", 0), which carries claimed values (v·U + ρ·H).
    public static let value: G1Affine = HashToG1.point(label: valueLabel, index: 0).point

    private static let cache = Mutex<[G1Affine]>([])

    /// G_0 … G_{count−1}.
    public static func vector(count: Int) -> [G1Affine] {
        if let cached = cache.withLock({ $0.count >= count ? Array($0.prefix(count)) : nil }) { return cached }
        let known = cache.withLock { $0 }
        var computed = [G1Affine](repeating: .identity, count: count - known.count)
        computed.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress!
            let first = known.count
            Parallel.forEachChunk(count: buffer.count, minimumChunk: 64) { range in
                for offset in range { slots[offset] = HashToG1.point(label: vectorLabel, index: UInt64(first + offset)).point }
            }
        }
        let all = known + computed
        cache.withLock { if $0.count < all.count { $0 = all } }
        return all
    }
}
