import ZKProof

extension Transaction {
    /// Throws unless the transaction carries its sender's valid signature and `proof` places it
    /// under `header`'s transactions root, in a tree of exactly the header's transaction count:
    /// the part every registration receipt (model or dataset) checks alike.
    func checkSignedAndIncluded(in header: BlockHeader, proof: MerkleInclusionProof) throws(ReceiptError) {
        guard hasValidSignature else { throw .badTransactionSignature(sender: sender) }
        guard proof.leafCount == Int(header.transactionCount) else {
            throw .transactionNotIncluded(height: header.height,
                                          .leafIndexOutOfRange(index: proof.leafIndex, leafCount: Int(header.transactionCount)))
        }
        do {
            try proof.verify(leafHash: MerkleTree.leafHash(encoded()), root: header.transactionsRoot)
        } catch {
            throw .transactionNotIncluded(height: header.height, error)
        }
    }
}
