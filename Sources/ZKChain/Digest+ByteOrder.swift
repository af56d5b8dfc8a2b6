import ZKProof

extension Digest {
    /// Byte-wise lexicographic order, the order of the model registry's leaves. Compares whole
    /// words (as big-endian numbers) instead of allocating byte arrays: registries are sorted
    /// for every block.
    static func precedes(_ a: Digest, _ b: Digest) -> Bool {
        let left = (UInt64(bigEndian: a.words.0), UInt64(bigEndian: a.words.1),
                    UInt64(bigEndian: a.words.2), UInt64(bigEndian: a.words.3))
        let right = (UInt64(bigEndian: b.words.0), UInt64(bigEndian: b.words.1),
                     UInt64(bigEndian: b.words.2), UInt64(bigEndian: b.words.3))
        return left < right
    }
}
