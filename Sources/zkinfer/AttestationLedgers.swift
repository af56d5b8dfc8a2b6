import Foundation
import ZKChain
import ZKProof
import ZKServer

/// Records attestation batches on an embedded chain directory (single-machine chain with its
/// validator keys), taking the directory's writer lock for each batch only, so `register` and
/// `revoke` keep working beside a running service. One batch at a time (an actor): each takes
/// the owner's next nonce.
actor EmbeddedAttestationLedger: AttestationLedger {
    let directory: String
    let owner: SigningKey

    init(directory: String, owner: SigningKey) {
        self.directory = directory
        self.owner = owner
    }

    func record(modelID: Digest, root: Digest, count: UInt32) async throws -> RecordedAttestationBatch {
        let lock = try DataDirectoryLock.forWriter(directory: directory)
        defer { withExtendedLifetime(lock) {} }
        let embedded = try EmbeddedChain(directory: directory)
        let (transaction, height) = try embedded.submit(.attestInferenceBatch(modelID: modelID, root: root, count: count), owner: owner)
        return try Self.recorded(transaction, in: embedded.chain.block(at: height), genesisHash: embedded.genesis.hash)
    }

    /// The batch's block and path, as every prediction's receipt carries them.
    static func recorded(_ transaction: Transaction, in block: Block?, genesisHash: Digest) throws(CLIError) -> RecordedAttestationBatch {
        guard let block, let index = block.transactions.firstIndex(of: transaction),
              let path = block.transactionInclusionProof(index: index) else {
            throw .chain("the attestation batch \(transaction.id.hex) is not in the block it was reported in")
        }
        return RecordedAttestationBatch(genesisHash: genesisHash, header: block.header, signatures: block.signatures,
                                        transaction: transaction, transactionProof: path)
    }
}

/// Records attestation batches through a chain node (the validators' node signs the blocks).
actor NodeAttestationLedger: AttestationLedger {
    let client: NodeClient
    let owner: SigningKey

    init(client: NodeClient, owner: SigningKey) {
        self.client = client
        self.owner = owner
    }

    func record(modelID: Digest, root: Digest, count: UInt32) async throws -> RecordedAttestationBatch {
        let (transaction, height) = try await ChainLocation.submit(
            .attestInferenceBatch(modelID: modelID, root: root, count: count), owner: owner, client: client)
        let block: Block
        do { block = try await client.block(at: height) } catch { throw CLIError.fromNode(error, url: client.baseURL) }
        return try EmbeddedAttestationLedger.recorded(transaction, in: block, genesisHash: transaction.chainID)
    }
}
