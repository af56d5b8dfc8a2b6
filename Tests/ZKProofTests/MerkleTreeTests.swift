import Testing
import ZKAlgebra
import ZKProof
import ZKTestSupport

/// `Vectors/merkle.json` (format in `Vectors/README.md`).
struct MerkleVectorFile: Decodable {
    struct Case: Decodable {
        var leaves: [String]
        var root: String
        var proofs: [Proof]
    }

    struct Proof: Decodable {
        var index: Int
        var path: [String]
    }

    var seed: Int
    var cases: [Case]
}

@Test func merkleTreeMatchesKnownAnswers() throws {
    let file = try Repository.json("Vectors/merkle.json", as: MerkleVectorFile.self)
    #expect(file.cases.count >= 40)
    #expect(file.cases.first?.root == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
            "the first case is the certificate-transparency 8-leaf tree")
    var proofCount = 0

    for (caseIndex, vector) in file.cases.enumerated() {
        let leaves = try vector.leaves.map { try bytes(hex: $0) }
        let tree = MerkleTree(leaves: leaves)
        let root = try digest(hex: vector.root)
        #expect(tree.leafCount == leaves.count && tree.root == root, "case \(caseIndex): \(leaves.count) leaves")
        if leaves.isEmpty {
            #expect(MerkleTree.emptyRoot == root && SHA256.hash([]) == root, "case \(caseIndex): empty tree")
        }
        let proofs = try vector.proofs.map { (index: $0.index, path: try $0.path.map { try digest(hex: $0) }) }
        expectEvery(proofs, "case \(caseIndex) (\(leaves.count) leaves): the path is RFC 6962's and verifies") { index, path in
            let proof = tree.inclusionProof(index: index)
            return proof == MerkleInclusionProof(leafIndex: index, leafCount: leaves.count, siblings: path)
                && path.count == MerkleInclusionProof.pathLength(leafIndex: index, leafCount: leaves.count)
                && thrownError { try proof.verify(leafHash: MerkleTree.leafHash(leaves[index]), root: root) } == nil
        }
        proofCount += proofs.count
    }
    #expect(proofCount >= 700)
}

/// RFC 6962 hashes, stated directly: leaf H(0x00 ‖ d), node H(0x01 ‖ l ‖ r).
@Test func merkleHashesAreDomainSeparated() {
    let leaf: [UInt8] = [0xAB, 0xCD]
    #expect(MerkleTree.leafHash(leaf) == SHA256.hash([0x00] + leaf))
    let left = SHA256.hash([1]), right = SHA256.hash([2])
    #expect(MerkleTree.nodeHash(left, right) == SHA256.hash([0x01] + left.bytes + right.bytes))
    #expect(MerkleTree(leaves: [leaf]).root == MerkleTree.leafHash(leaf))
    #expect(MerkleTree(leaves: [leaf, leaf]).root == MerkleTree.nodeHash(MerkleTree.leafHash(leaf), MerkleTree.leafHash(leaf)))
    #expect(MerkleTree(leafHashes: [left, right]).root == MerkleTree.nodeHash(left, right))
}

// MARK: Rejection: every malformed path throws its own MerkleError, nothing traps.

/// A 13-leaf tree (not a power of two, so paths have different lengths) and the proof of leaf 5.
private struct MerkleFixture {
    let leaves: [[UInt8]] = (0..<13).map { [UInt8($0), 0x5A] }
    let tree: MerkleTree
    let index = 5
    let proof: MerkleInclusionProof
    var root: Digest { tree.root }
    var leafHash: Digest { MerkleTree.leafHash(leaves[index]) }

    init() {
        tree = MerkleTree(leaves: leaves)
        proof = tree.inclusionProof(index: index)
    }

    func verify(_ proof: MerkleInclusionProof, leaf: [UInt8]? = nil) throws(MerkleError) {
        try proof.verify(leafHash: MerkleTree.leafHash(leaf ?? leaves[proof.leafIndex]), root: root)
    }
}

@Test func merkleProofAcceptsTheHonestPath() throws {
    let fixture = MerkleFixture()
    #expect(fixture.proof.siblings.count == 4)
    try fixture.verify(fixture.proof)
    #expect(try fixture.proof.root(fromLeafHash: fixture.leafHash) == fixture.root)
}

@Test func merkleProofRejectsATamperedSibling() {
    let fixture = MerkleFixture()
    for position in fixture.proof.siblings.indices {
        var proof = fixture.proof
        proof.siblings[position] = SHA256.hash([UInt8(position)])
        let error = #expect(throws: MerkleError.self, "sibling \(position)") { try fixture.verify(proof) }
        guard case let .rootMismatch(leafIndex, expected, got)? = error else {
            Issue.record("sibling \(position): expected rootMismatch, got \(String(describing: error))"); continue
        }
        #expect(leafIndex == fixture.index && expected == fixture.root && got != fixture.root)
    }
}

@Test func merkleProofRejectsAWrongLeaf() {
    let fixture = MerkleFixture()
    let error = #expect(throws: MerkleError.self) { try fixture.verify(fixture.proof, leaf: [0xFF]) }
    #expect(caseName(of: error) == "rootMismatch")
    // The neighbouring leaf, whose hash is one of the siblings, is a wrong leaf too.
    #expect(throws: MerkleError.self) { try fixture.verify(fixture.proof, leaf: fixture.leaves[fixture.index ^ 1]) }
}

@Test func merkleProofRejectsAWrongIndex() {
    let fixture = MerkleFixture()
    // Leaf 4 has a path of the same length as leaf 5, so only the root tells them apart.
    var swapped = fixture.proof
    swapped.leafIndex = 4
    let error = #expect(throws: MerkleError.self) { try fixture.verify(swapped, leaf: fixture.leaves[5]) }
    #expect(caseName(of: error) == "rootMismatch")
    // Leaf 12 (the last, carried up alone) has a path of 2 siblings, not 4.
    var last = fixture.proof
    last.leafIndex = 12
    #expect(throws: MerkleError.pathLengthMismatch(expected: 2, got: 4)) { try fixture.verify(last, leaf: fixture.leaves[5]) }
    for index in [13, 100, -1, Int.min] {
        var outOfRange = fixture.proof
        outOfRange.leafIndex = index
        #expect(throws: MerkleError.leafIndexOutOfRange(index: index, leafCount: 13)) {
            try outOfRange.verify(leafHash: fixture.leafHash, root: fixture.root)
        }
    }
}

@Test func merkleProofRejectsAWrongLeafCount() {
    let fixture = MerkleFixture()
    // Leaf 5's path has 4 siblings in a tree of 13 leaves; 2 in a tree of 6, 3 in one of 8 and
    // 5 in one of 17.
    for (count, expected) in [(6, 2), (8, 3), (17, 5)] {
        var wrong = fixture.proof
        wrong.leafCount = count
        #expect(throws: MerkleError.pathLengthMismatch(expected: expected, got: 4), "\(count) leaves") { try fixture.verify(wrong) }
    }
    // Leaf 5 does not exist in a tree of 5 leaves (or of none).
    for count in [5, 0, -3] {
        var tooFew = fixture.proof
        tooFew.leafCount = count
        #expect(throws: MerkleError.leafIndexOutOfRange(index: 5, leafCount: count)) { try fixture.verify(tooFew) }
    }
    // In trees of 9…16 leaves, leaf 5 has siblings at the same levels on the same sides as in a
    // tree of 13, so its path hashes to the same root: a path alone does not fix the leaf count
    // (as in RFC 6962, where the size comes from the signed tree head). Callers must take the
    // count from their own context, as the Ligero verifier takes it from its layout.
    for count in 9...16 {
        var sameShape = fixture.proof
        sameShape.leafCount = count
        #expect(throws: Never.self, "\(count) leaves") { try fixture.verify(sameShape) }
    }
}

@Test func merkleProofRejectsAnExtraOrMissingSibling() {
    let fixture = MerkleFixture()
    var extra = fixture.proof
    extra.siblings.append(fixture.root)
    #expect(throws: MerkleError.pathLengthMismatch(expected: 4, got: 5)) { try fixture.verify(extra) }
    var missing = fixture.proof
    missing.siblings.removeLast()
    #expect(throws: MerkleError.pathLengthMismatch(expected: 4, got: 3)) { try fixture.verify(missing) }
    var empty = fixture.proof
    empty.siblings = []
    #expect(throws: MerkleError.pathLengthMismatch(expected: 4, got: 0)) { try fixture.verify(empty) }
}

// MARK: Property: random sizes against a literal RFC 6962 recursion.

/// RFC 6962 §2.1 MTH, written as the RFC states it (recursion on the largest power of two k < n).
private func referenceRoot(_ leaves: ArraySlice<Digest>) -> Digest {
    switch leaves.count {
    case 0: return SHA256.hash([])
    case 1: return leaves.first!
    default:
        let k = largestPowerOfTwo(below: leaves.count)
        let start = leaves.startIndex
        return MerkleTree.nodeHash(referenceRoot(leaves[start..<(start + k)]), referenceRoot(leaves[(start + k)...]))
    }
}

/// RFC 6962 §2.1.1 PATH(m, D[n]), sibling of the leaf first.
private func referencePath(_ m: Int, _ leaves: ArraySlice<Digest>) -> [Digest] {
    guard leaves.count > 1 else { return [] }
    let k = largestPowerOfTwo(below: leaves.count)
    let start = leaves.startIndex
    let left = leaves[start..<(start + k)], right = leaves[(start + k)...]
    return m < k ? referencePath(m, left) + [referenceRoot(right)] : referencePath(m - k, right) + [referenceRoot(left)]
}

private func largestPowerOfTwo(below n: Int) -> Int {
    var k = 1
    while 2 * k < n { k *= 2 }
    return k
}

@Test func merkleTreesOfRandomSizesMatchTheRFCRecursion() {
    let seed: UInt64 = 0x3E4C_0001
    var rng = SplitMix64(seed: seed)
    var sizes = Array(1...40) + [63, 64, 65, 127, 128, 129, 255, 256, 257, 300]
    sizes += (0..<20).map { _ in Int.random(in: 41...300, using: &rng) }

    for size in sizes {
        let leaves = (0..<size).map { _ in (0..<Int(rng.next() % 40)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        let tree = MerkleTree(leaves: leaves)
        let leafHashes = leaves.map(MerkleTree.leafHash)
        #expect(tree.root == referenceRoot(leafHashes[...]), "seed \(seed), \(size) leaves")
        expectEvery(0..<size, "seed \(seed), \(size) leaves: every leaf's proof verifies") { index in
            thrownError { try tree.inclusionProof(index: index).verify(leafHash: leafHashes[index], root: tree.root) } == nil
        }
        // The reference path is quadratic, so compare it on a few leaves per size.
        for index in Set([0, size / 2, size - 1, Int(rng.next() % UInt64(size))]) {
            #expect(tree.inclusionProof(index: index).siblings == referencePath(index, leafHashes[...]),
                    "seed \(seed), \(size) leaves, leaf \(index)")
        }
        // A proof never verifies for another leaf's content (leaves may repeat: compare hashes).
        let other = Int(rng.next() % UInt64(size))
        if leafHashes[other] != leafHashes[0] {
            #expect(throws: MerkleError.self, "seed \(seed), \(size) leaves") {
                try tree.inclusionProof(index: 0).verify(leafHash: leafHashes[other], root: tree.root)
            }
        }
    }
}
