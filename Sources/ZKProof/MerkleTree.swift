import ZKAlgebra

/// A binary SHA-256 Merkle tree with RFC 6962 domain separation: leaf = H(0x00 ‖ data),
/// node = H(0x01 ‖ left ‖ right). For n leaves that are not a power of two, a level's last node
/// without a sibling is carried up unchanged, which yields exactly RFC 6962's tree (its left
/// subtree always holds the largest power of two below n). The empty tree's root is H("").
///
/// Serves both the polynomial commitment (columns as leaves) and the chain (transactions).
public struct MerkleTree: Sendable {
    /// levels[0] are the leaf hashes; the last level holds the root alone.
    public let levels: [[Digest]]

    public var leafCount: Int { levels[0].count }

    public var root: Digest {
        guard let top = levels.last, let root = top.first else { return MerkleTree.emptyRoot }
        return root
    }

    public static let emptyRoot = SHA256.hash([])

    public static func leafHash(_ data: [UInt8]) -> Digest {
        data.withUnsafeBytes { leafHash(raw: $0) }
    }

    public static func leafHash(raw data: UnsafeRawBufferPointer) -> Digest {
        var hasher = SHA256()
        hasher.update(byte: 0x00)
        hasher.update(data)
        return hasher.finalize()
    }

    public static func nodeHash(_ left: Digest, _ right: Digest) -> Digest {
        var hasher = SHA256()
        hasher.update(byte: 0x01)
        hasher.update(left)
        hasher.update(right)
        return hasher.finalize()
    }

    public init(leaves: [[UInt8]]) {
        self.init(leafHashes: leaves.map(Self.leafHash))
    }

    /// Builds the tree over already-hashed leaves (hash them with `leafHash`).
    public init(leafHashes: [Digest]) {
        var levels = [leafHashes]
        var current = leafHashes
        while current.count > 1 {
            let pairs = current.count / 2
            var next = [Digest](repeating: .zero, count: (current.count + 1) / 2)
            current.withUnsafeBufferPointer { below in
                next.withUnsafeMutableBufferPointer { above in
                    Parallel.forEachChunk(count: pairs, minimumChunk: 1 << 11) { range in
                        for i in range { above[i] = Self.nodeHash(below[2 * i], below[2 * i + 1]) }
                    }
                }
            }
            if current.count % 2 == 1 { next[pairs] = current[current.count - 1] }
            levels.append(next)
            current = next
        }
        self.levels = levels
    }

    /// The audit path of leaf `index` (RFC 6962 PATH), sibling first.
    /// Precondition: `index < leafCount`.
    public func inclusionProof(index: Int) -> MerkleInclusionProof {
        precondition(index >= 0 && index < leafCount, "leaf \(index) out of range 0..<\(leafCount)")
        var siblings = [Digest]()
        var position = index
        for level in levels.dropLast() {
            let sibling = position ^ 1
            if sibling < level.count { siblings.append(level[sibling]) }
            position /= 2
        }
        return MerkleInclusionProof(leafIndex: index, leafCount: leafCount, siblings: siblings)
    }
}

/// An RFC 6962 audit path.
public struct MerkleInclusionProof: Sendable, Equatable {
    public var leafIndex: Int
    public var leafCount: Int
    public var siblings: [Digest]

    public init(leafIndex: Int, leafCount: Int, siblings: [Digest]) {
        self.leafIndex = leafIndex
        self.leafCount = leafCount
        self.siblings = siblings
    }

    /// Number of siblings a valid path for (index, count) has.
    public static func pathLength(leafIndex: Int, leafCount: Int) -> Int {
        var length = 0
        var position = leafIndex
        var width = leafCount
        while width > 1 {
            if (position ^ 1) < width { length += 1 }
            position /= 2
            width = (width + 1) / 2
        }
        return length
    }

    /// The root this path and leaf hash imply. Throws on a malformed path.
    public func root(fromLeafHash leaf: Digest) throws(MerkleError) -> Digest {
        guard leafCount > 0, leafIndex >= 0, leafIndex < leafCount else {
            throw .leafIndexOutOfRange(index: leafIndex, leafCount: leafCount)
        }
        let expected = Self.pathLength(leafIndex: leafIndex, leafCount: leafCount)
        guard siblings.count == expected else {
            throw .pathLengthMismatch(expected: expected, got: siblings.count)
        }
        var node = leaf
        var position = leafIndex
        var width = leafCount
        var next = siblings.makeIterator()
        while width > 1 {
            let sibling = position ^ 1
            if sibling < width, let digest = next.next() {
                node = position & 1 == 1 ? MerkleTree.nodeHash(digest, node) : MerkleTree.nodeHash(node, digest)
            }
            position /= 2
            width = (width + 1) / 2
        }
        return node
    }

    /// Throws unless the path leads from `leaf` to `root`.
    public func verify(leafHash leaf: Digest, root: Digest) throws(MerkleError) {
        let computed = try self.root(fromLeafHash: leaf)
        guard computed == root else { throw .rootMismatch(leafIndex: leafIndex, expected: root, got: computed) }
    }
}

/// Why an inclusion path does not lead to a Merkle root.
public enum MerkleError: Error, Equatable, CustomStringConvertible {
    case leafIndexOutOfRange(index: Int, leafCount: Int)
    case pathLengthMismatch(expected: Int, got: Int)
    case rootMismatch(leafIndex: Int, expected: Digest, got: Digest)

    public var description: String {
        switch self {
        case let .leafIndexOutOfRange(index, count):
            return "Merkle leaf index \(index) out of range for a tree of \(count) leaves"
        case let .pathLengthMismatch(expected, got):
            return "Merkle path has \(got) siblings, expected \(expected)"
        case let .rootMismatch(index, expected, got):
            return "Merkle path for leaf \(index) leads to root \(got), expected \(expected)"
        }
    }
}
