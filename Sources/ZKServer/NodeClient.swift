import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ZKChain
import ZKProof

/// Why a call to a node failed.
public enum NodeClientError: Error, Sendable, CustomStringConvertible {
    /// The node answered with an error status and its `{"error": …}` message.
    case rejected(status: Int, message: String)
    /// A validator refused to co-sign because it already signed `block` at that height.
    case alreadySigned(Block)
    /// The node could not be reached or the exchange broke off.
    case transport(String)
    /// The node answered 2xx with a body that is not what the API promises.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case let .rejected(status, message): "node answered \(status): \(message)"
        case let .alreadySigned(block): "validator already signed block \(block.height) \(block.hash.hex)"
        case let .transport(reason): "cannot reach node: \(reason)"
        case let .malformedResponse(reason): "malformed answer from node: \(reason)"
        }
    }

    /// The HTTP status of a rejection, nil for other failures.
    public var status: Int? {
        if case let .rejected(status, _) = self { status } else { nil }
    }
}

/// A client of a node's HTTP API (`zkinfer … --node URL`, followers, co-signing). Every answer
/// is decoded as untrusted input; blocks and receipts still need verifying by the caller
/// (`Chain.append`, `ModelReceipt.verify`).
public struct NodeClient: Sendable {
    public let baseURL: URL
    private let session: URLSession
    private let timeout: TimeInterval

    /// `timeout` bounds each request; a submission waits for its block, so it should exceed the
    /// node's acknowledgement timeout (10 s by default).
    public init(baseURL: URL, timeout: TimeInterval = 30) {
        self.baseURL = baseURL
        self.session = Self.sharedSession
        self.timeout = timeout
    }

    /// One session for every client in the process, allowing many concurrent connections per
    /// node (a submission holds its connection until its block is appended).
    private static let sharedSession: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 128
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    // MARK: API

    public func status() async throws(NodeClientError) -> NodeAPI.Status {
        try await get("v1/status")
    }

    /// Submits `transaction` and returns once the node has durably appended the block holding
    /// it: the transaction ID and that block's height.
    public func submit(_ transaction: Transaction) async throws(NodeClientError) -> (id: Digest, height: UInt64) {
        let answer: NodeAPI.SubmitResponse = try await post("v1/transactions", NodeAPI.SubmitRequest(transaction: transaction.encoded().hexString))
        guard let id = Digest(hex: answer.id) else { throw .malformedResponse("transaction ID is not 32 bytes of hex") }
        guard id == transaction.id else { throw .malformedResponse("node acknowledged transaction \(answer.id), submitted \(transaction.id.hex)") }
        return (id, answer.height)
    }

    /// The nonce `key`'s next transaction must carry (1 for a key never seen).
    public func nextNonce(of key: PublicKey) async throws(NodeClientError) -> UInt64 {
        let account: NodeAPI.Account = try await get("v1/accounts/\(key.hex)")
        return account.nextNonce
    }

    /// Block `height` (decoded, not verified).
    public func block(at height: UInt64) async throws(NodeClientError) -> Block {
        let entry: NodeAPI.BlockEntry = try await get("v1/blocks/\(height)")
        let block = try Self.decode(entry)
        guard block.height == height else { throw .malformedResponse("asked for block \(height), got \(block.height)") }
        return block
    }

    /// Up to `limit` consecutive blocks from height `from` (fewer at the tip or when the node
    /// caps the answer's size; none beyond the tip). Decoded, not verified.
    public func blocks(from height: UInt64, limit: Int) async throws(NodeClientError) -> [Block] {
        let list: NodeAPI.BlockList = try await get("v1/blocks?from=\(height)&limit=\(limit)")
        guard list.blocks.count <= max(limit, 0) else { throw .malformedResponse("asked for \(limit) blocks, got \(list.blocks.count)") }
        var blocks = [Block]()
        blocks.reserveCapacity(list.blocks.count)
        // The node starts at height 1 when asked for 0.
        var expected = max(height, 1)
        for entry in list.blocks {
            let block = try Self.decode(entry)
            guard block.height == expected else {
                throw .malformedResponse("answer holds block \(block.height) where block \(expected) belongs")
            }
            blocks.append(block)
            expected &+= 1
        }
        return blocks
    }

    /// The model's receipt (decoded; check it with `ModelReceipt.verify(genesis:)`).
    public func receipt(for modelID: Digest) async throws(NodeClientError) -> ModelReceipt {
        let answer: NodeAPI.ReceiptResponse = try await get("v1/models/\(modelID.hex)/receipt")
        guard let bytes = [UInt8](hexString: answer.receipt) else { throw .malformedResponse("receipt is not hex") }
        do {
            return try ModelReceipt(decoding: bytes)
        } catch {
            throw .malformedResponse("receipt: \(error)")
        }
    }

    /// The model's current record on the node's chain.
    public func model(_ modelID: Digest) async throws(NodeClientError) -> ModelRecord {
        let answer: NodeAPI.Model = try await get("v1/models/\(modelID.hex)")
        guard let record = answer.record, record.modelID == modelID else {
            throw .malformedResponse("model record does not parse or is for another model")
        }
        return record
    }

    /// Asks a validator node to co-sign a proposed block; returns its signature entry.
    public func sign(_ block: Block) async throws(NodeClientError) -> ValidatorSignature {
        let answer: NodeAPI.SignResponse = try await post("v1/blocks/sign", NodeAPI.SignRequest(block: block.encoded().hexString))
        guard let index = UInt16(exactly: answer.index) else { throw .malformedResponse("validator index \(answer.index)") }
        guard let bytes = [UInt8](hexString: answer.signature), let signature = Signature(bytes: bytes) else {
            throw .malformedResponse("signature is not 64 bytes of hex")
        }
        return ValidatorSignature(validatorIndex: index, signature: signature)
    }

    // MARK: Transport

    private static func decode(_ entry: NodeAPI.BlockEntry) throws(NodeClientError) -> Block {
        guard let bytes = [UInt8](hexString: entry.block) else { throw .malformedResponse("block \(entry.height) is not hex") }
        let block: Block
        do {
            block = try Block(decoding: bytes)
        } catch {
            throw .malformedResponse("block \(entry.height): \(error)")
        }
        guard block.height == entry.height, block.hash.hex == entry.hash.lowercased() else {
            throw .malformedResponse("block \(entry.height): height or hash disagrees with its bytes")
        }
        return block
    }

    private func get<Answer: Decodable>(_ path: String) async throws(NodeClientError) -> Answer {
        try await exchange(request(path, method: "GET", body: nil))
    }

    private func post<Answer: Decodable>(_ path: String, _ body: some Encodable) async throws(NodeClientError) -> Answer {
        let data: Data
        do {
            data = try JSONEncoder().encode(body)
        } catch {
            throw .transport("cannot encode request: \(error)")
        }
        return try await exchange(request(path, method: "POST", body: data))
    }

    private func request(_ path: String, method: String, body: Data?) throws(NodeClientError) -> URLRequest {
        guard let url = URL(string: path, relativeTo: Self.directory(baseURL)) else { throw .transport("bad URL \(baseURL)/\(path)") }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        return request
    }

    /// `baseURL` with a trailing slash, so relative paths append to it.
    private static func directory(_ url: URL) -> URL {
        url.absoluteString.hasSuffix("/") ? url : URL(string: url.absoluteString + "/") ?? url
    }

    private func exchange<Answer: Decodable>(_ request: URLRequest) async throws(NodeClientError) -> Answer {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.cancellableData(for: request)
        } catch {
            throw .transport(error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else { throw .transport("not an HTTP response") }
        guard (200..<300).contains(http.statusCode) else {
            let answer = try? JSONDecoder().decode(NodeAPI.ErrorResponse.self, from: data)
            if http.statusCode == 409, let hex = answer?.signedBlock, let bytes = [UInt8](hexString: hex),
               let block = try? Block(decoding: bytes) {
                throw .alreadySigned(block)
            }
            let message = answer?.error ?? String(decoding: data.prefix(200), as: UTF8.self)
            throw .rejected(status: http.statusCode, message: message)
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: data)
        } catch {
            throw .malformedResponse("\(request.url?.path ?? ""): \(error)")
        }
    }
}
