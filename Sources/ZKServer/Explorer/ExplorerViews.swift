import Foundation
import ZKChain
import ZKProof

// What the explorer templates read: plain strings, numbers and lists built from chain data.
// The templates escape every value, so these hold raw text; links are built here from hex
// digests and decimal heights only.

struct ValidatorView {
    var index: Int
    var key: String
}

struct StatusView {
    var chainName: String
    var chainID: String
    var height: UInt64
    var tip: String
    var tipTime: String
    var validators: [ValidatorView]
    var validatorCount: Int
    var threshold: Int
    var pending: Int
    var role: String
    var modelCount: Int
    var revokedCount: Int
    var datasetCount: Int
    var attestationCount: UInt64
    var transactionCount: UInt64
}

struct BlockRowView {
    var height: UInt64
    var href: String
    var hash: String
    var time: String
    var transactionCount: UInt32
    var signatureCount: Int
}

struct PagerView {
    var newerHref: String?
    var olderHref: String?
}

struct SignatureView {
    var validatorIndex: UInt16
    var validatorKey: String
    var signature: String
}

struct TransactionView {
    var index: Int
    var id: String
    var kind: String
    var sender: String
    var nonce: UInt64
    var summary: String
    var modelHref: String?
}

struct BlockView {
    var height: UInt64
    var hash: String
    var chainID: String
    var previousHash: String
    var previousHref: String?
    var previousHeight: UInt64
    var nextHref: String?
    var nextHeight: UInt64
    var time: String
    var timestamp: UInt64
    var transactionsRoot: String
    var transactionCount: UInt32
    var modelsRoot: String
    var modelCount: UInt64
    var signatures: [SignatureView]
    var transactions: [TransactionView]
}

struct ModelRowView {
    var href: String
    var modelID: String
    var name: String
    var owner: String
    var version: String
    var registeredAt: UInt64
    var registeredHref: String
    var revocation: String?
    var attestations: UInt64
}

struct MetadataEntryView {
    var key: String
    var value: String
}

struct ModelView {
    var modelID: String
    var name: String
    var version: String
    var owner: String
    var circuitDigest: String
    var weightsCommitment: String
    var registeredAt: UInt64
    var registeredHref: String
    var revokedAt: UInt64?
    var revokedHref: String?
    var registrationTransaction: String?
    var metadata: [MetadataEntryView]
    var attestations: UInt64
    var attestationsIndexedTo: UInt64
    var attestationsComplete: Bool
    var receiptHref: String
    var receiptFilename: String
    var apiHref: String
    var apiReceiptHref: String
}

struct DatasetRowView {
    var name: String
    var merkleRoot: String
    var size: UInt64
    var owner: String
    var registeredAt: UInt64
    var registeredHref: String
}

struct AttestationRowView {
    var modelHref: String?
    var modelID: String
    var name: String
    var count: UInt64
}

/// Formatting shared by the pages.
enum ExplorerFormat {
    static func blockHref(_ height: UInt64) -> String { "/blocks/\(height)" }
    static func modelHref(_ id: Digest) -> String { "/models/\(id.hex)" }
    static func receiptFilename(_ id: Digest) -> String { "model-\(id.hex.prefix(16)).receipt" }

    /// A block timestamp (milliseconds since 1970) as UTC ISO 8601; validated blocks are never
    /// far in the future, and anything past year 9999 is shown as raw milliseconds.
    static func time(_ milliseconds: UInt64) -> String {
        guard milliseconds < 253_402_300_800_000 else { return "\(milliseconds) ms" }
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: false)).replacingOccurrences(of: "T", with: " ")
    }

    static func blockRow(_ block: Block) -> BlockRowView {
        BlockRowView(height: block.height, href: blockHref(block.height), hash: block.hash.hex, time: time(block.header.timestamp),
                     transactionCount: block.header.transactionCount, signatureCount: block.signatures.count)
    }

    static func block(_ block: Block, genesis: Genesis, tipHeight: UInt64) -> BlockView {
        let header = block.header
        let signatures = block.signatures.map { signature in
            let index = Int(signature.validatorIndex)
            let key = genesis.validators.indices.contains(index) ? genesis.validators[index].hex : "unknown validator"
            return SignatureView(validatorIndex: signature.validatorIndex, validatorKey: key, signature: signature.signature.bytes.hexString)
        }
        return BlockView(
            height: header.height, hash: block.hash.hex, chainID: header.chainID.hex, previousHash: header.previousHash.hex,
            previousHref: header.height > 1 ? blockHref(header.height - 1) : nil, previousHeight: header.height &- 1,
            nextHref: header.height < tipHeight ? blockHref(header.height + 1) : nil, nextHeight: header.height &+ 1,
            time: time(header.timestamp), timestamp: header.timestamp, transactionsRoot: header.transactionsRoot.hex,
            transactionCount: header.transactionCount, modelsRoot: header.modelsRoot.hex, modelCount: header.modelCount,
            signatures: signatures,
            transactions: block.transactions.enumerated().map { transaction($0.element, index: $0.offset) })
    }

    static func transaction(_ transaction: Transaction, index: Int) -> TransactionView {
        let (summary, model) = summary(transaction.body)
        return TransactionView(index: index, id: transaction.id.hex, kind: transaction.body.kind, sender: transaction.sender.hex,
                               nonce: transaction.nonce, summary: summary, modelHref: model.map(modelHref))
    }

    /// One line on what a transaction does, and the model it concerns if any.
    static func summary(_ body: TransactionBody) -> (String, Digest?) {
        switch body {
        case let .registerModel(registration):
            ("registers model \(registration.modelID.hex) “\(registration.name)” version \(registration.version)", registration.modelID)
        case let .revokeModel(modelID):
            ("revokes model \(modelID.hex)", modelID)
        case let .registerDataset(merkleRoot, size, name):
            ("registers dataset “\(name)”: \(size) items, Merkle root \(merkleRoot.hex)", nil)
        case let .attestInference(modelID, inputDigest, outputDigest, proofDigest):
            ("attests an inference of model \(modelID.hex): input \(inputDigest.hex), output \(outputDigest.hex), proof \(proofDigest.hex)", modelID)
        case let .attestInferenceBatch(modelID, root, count):
            ("attests \(count) inference\(count == 1 ? "" : "s") of model \(modelID.hex): Merkle root \(root.hex)", modelID)
        }
    }

    static func modelRow(_ record: ModelRecord, attestations: UInt64) -> ModelRowView {
        ModelRowView(href: modelHref(record.modelID), modelID: record.modelID.hex, name: record.name, owner: record.owner.hex,
                     version: record.version, registeredAt: record.registeredAt, registeredHref: blockHref(record.registeredAt),
                     revocation: record.revokedAt.map { "revoked at block \($0)" }, attestations: attestations)
    }
}
