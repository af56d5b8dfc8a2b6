/// The JSON bodies of the node's HTTP API, shared by the server and `NodeClient`. Binary values
/// (transactions, blocks, receipts, digests, keys, signatures) travel as lowercase hex strings.
public enum NodeAPI {
    /// `POST /v1/transactions`.
    public struct SubmitRequest: Codable, Sendable {
        public var transaction: String
        public init(transaction: String) { self.transaction = transaction }
    }

    /// The answer to `POST /v1/transactions`, sent once the block holding the transaction is
    /// durably appended.
    public struct SubmitResponse: Codable, Sendable {
        public var id: String
        public var height: UInt64
        public init(id: String, height: UInt64) {
            self.id = id
            self.height = height
        }
    }

    /// `GET /v1/status`.
    public struct Status: Codable, Sendable, Equatable {
        public var chainID: String
        public var height: UInt64
        public var tip: String
        public var validators: [String]
        public var threshold: Int
        public var pending: Int

        public init(chainID: String, height: UInt64, tip: String, validators: [String], threshold: Int, pending: Int) {
            self.chainID = chainID
            self.height = height
            self.tip = tip
            self.validators = validators
            self.threshold = threshold
            self.pending = pending
        }

        enum CodingKeys: String, CodingKey {
            case chainID = "chain_id", height, tip, validators, threshold, pending
        }
    }

    /// `GET /v1/blocks/{height}`, and each element of `GET /v1/blocks`.
    public struct BlockEntry: Codable, Sendable {
        public var height: UInt64
        public var hash: String
        public var block: String
        public init(height: UInt64, hash: String, block: String) {
            self.height = height
            self.hash = hash
            self.block = block
        }
    }

    /// `GET /v1/blocks?from=&limit=`: consecutive blocks starting at `from` (possibly none).
    public struct BlockList: Codable, Sendable {
        public var blocks: [BlockEntry]
        public init(blocks: [BlockEntry]) { self.blocks = blocks }
    }

    /// `GET /v1/models/{id}/receipt`.
    public struct ReceiptResponse: Codable, Sendable {
        public var receipt: String
        public init(receipt: String) { self.receipt = receipt }
    }

    /// `GET /v1/accounts/{public key}`.
    public struct Account: Codable, Sendable {
        public var nextNonce: UInt64
        public init(nextNonce: UInt64) { self.nextNonce = nextNonce }
        enum CodingKeys: String, CodingKey { case nextNonce = "next_nonce" }
    }

    /// `POST /v1/blocks/sign`: a proposed block for a validator to co-sign.
    public struct SignRequest: Codable, Sendable {
        public var block: String
        public init(block: String) { self.block = block }
    }

    /// A validator's signature over the proposed block's header hash.
    public struct SignResponse: Codable, Sendable {
        public var signature: String
        public var index: Int
        public init(signature: String, index: Int) {
            self.signature = signature
            self.index = index
        }
    }

    /// Every 4xx and 5xx answer.
    public struct ErrorResponse: Codable, Sendable {
        public var error: String
        /// Set only when a validator refuses to sign a second block at a height: the one it signed.
        public var signedBlock: String?
        public init(error: String, signedBlock: String? = nil) {
            self.error = error
            self.signedBlock = signedBlock
        }

        enum CodingKeys: String, CodingKey {
            case error
            case signedBlock = "signed_block"
        }
    }
}
