import ZKProof

/// A dataset's identity on the chain: the RFC 6962 Merkle root over its samples in file order,
/// each leaf the canonical encoding of one sample — its value count (UInt32, little endian) and
/// each value's float32 bit pattern (little endian). The same samples in the same order always
/// give the same root; any changed value, sample or order gives another.
public enum DatasetCommitment {
    public static func leaf(_ sample: [Float]) -> [UInt8] {
        var writer = ByteWriter()
        writer.write(UInt32(clamping: sample.count))
        for value in sample { writer.write(value.bitPattern) }
        return writer.bytes
    }

    public static func root(of samples: [[Float]]) -> Digest {
        MerkleTree(leafHashes: samples.map { MerkleTree.leafHash(leaf($0)) }).root
    }
}
