import ZKChain

extension ChainNode {
    /// Records `block` (carrying this validator's signature) as the one block this validator
    /// signs at its height: on disk, synced, before the signature leaves the process. Records at
    /// or below the tip are dropped, since the chain holds a block there.
    func record(_ block: Block) throws(ChainNodeError) {
        let tip = chain.state.tipHeight
        signedProposals = signedProposals.filter { $0.key > tip }
        do { try signedBlockLog?.append(block, tip: tip) } catch {
            throw ChainNodeError.unavailable("cannot record the signed block \(block.height): \(error)")
        }
        signedProposals[block.height] = block
    }

    /// The block this validator already signed at the next height, if any: a proposer must
    /// finish it rather than sign another.
    var unfinishedProposal: Block? {
        signedProposals[chain.state.tipHeight &+ 1]
    }
}
