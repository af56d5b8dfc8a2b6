import Foundation
import Hummingbird
import ZKChain
import ZKProof

/// The node's HTTP API on a Hummingbird router. Every body and parameter is untrusted: sizes
/// are capped before reading, hex and binary encodings are decoded by checking decoders, and
/// every failure is a 4xx (or 503) JSON error, never a trap.
public enum NodeRoutes {
    /// Cap on `POST /v1/transactions` bodies: a maximal transaction in hex plus JSON framing.
    public static let maximumTransactionRequestBytes = 256 * 1024
    /// Blocks per `GET /v1/blocks` answer.
    public static let maximumBlocksPerPage = 100
    /// A `GET /v1/blocks` answer stops adding blocks past this many encoded bytes (it always
    /// holds at least one block if any is asked for and exists).
    public static let blockPageByteBudget = 8 << 20

    /// Cap on `POST /v1/blocks/sign` bodies for a node: its largest acceptable block in hex.
    static func maximumSignRequestBytes(_ configuration: ChainNode.Configuration) -> Int {
        let blockBytes = configuration.maximumBlockTransactionBytes
            + (configuration.maximumTransactionsPerBlock + 1) * 4 + ChainLimits.maximumValidators * 66 + 1024
        return 2 * blockBytes + 1024
    }

    /// A router serving `node`.
    public static func router(for node: ChainNode) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: JSONErrorMiddleware())
        let chain = node.chain

        router.post("v1/transactions") { request, _ -> Response in
            let body: NodeAPI.SubmitRequest = try await decodeBody(request, limit: maximumTransactionRequestBytes)
            let bytes = try hex(body.transaction, "transaction")
            let transaction: Transaction
            do {
                transaction = try Transaction(decoding: bytes)
            } catch {
                throw NodeAPIError.badRequest("transaction: \(error)")
            }
            let (id, height) = try await node.submit(transaction)
            return try JSONResponse.ok(NodeAPI.SubmitResponse(id: id.hex, height: height))
        }

        router.get("v1/status") { _, _ -> Response in
            try JSONResponse.ok(await node.status())
        }

        router.get("v1/blocks/:height") { _, context -> Response in
            let height = try parameter(context, "height", as: UInt64.self, "a block height")
            guard let block = try readChain({ try chain.block(at: height) }) else {
                throw NodeAPIError.notFound("no block at height \(height) (tip is \(chain.state.tipHeight))")
            }
            return try JSONResponse.ok(entry(block))
        }

        router.get("v1/blocks") { request, _ -> Response in
            let query = request.uri.queryParameters
            let from = try queryValue(query, "from", default: 1, as: UInt64.self)
            let limit = try queryValue(query, "limit", default: maximumBlocksPerPage, as: Int.self)
            guard (1...maximumBlocksPerPage).contains(limit) else {
                throw NodeAPIError.badRequest("limit must be 1…\(maximumBlocksPerPage), got \(limit)")
            }
            var entries = [NodeAPI.BlockEntry]()
            var bytes = 0
            for block in try readChain({ try chain.blocks(from: from, limit: limit) }) {
                let item = entry(block)
                if !entries.isEmpty, bytes + item.block.utf8.count / 2 > blockPageByteBudget { break }
                bytes += item.block.utf8.count / 2
                entries.append(item)
            }
            return try JSONResponse.ok(NodeAPI.BlockList(blocks: entries))
        }

        router.get("v1/models/:id") { _, context -> Response in
            let modelID = try digestParameter(context, "id", "a model ID")
            guard let record = chain.state.models[modelID] else {
                throw NodeAPIError.notFound("model \(modelID) is not registered")
            }
            return try JSONResponse.ok(NodeAPI.Model(record))
        }

        router.get("v1/models/:id/receipt") { _, context -> Response in
            let modelID = try digestParameter(context, "id", "a model ID")
            let receipt: ModelReceipt
            do throws(ChainError) {
                receipt = try chain.receipt(for: modelID)
            } catch {
                if case .unknownModel = error { throw NodeAPIError.notFound("model \(modelID) is not registered") }
                throw NodeAPIError(.internalServerError, error.description)
            }
            return try JSONResponse.ok(NodeAPI.ReceiptResponse(receipt: receipt.encoded().hexString))
        }

        router.get("v1/accounts/:key") { _, context -> Response in
            let text = try parameter(context, "key", as: String.self, "a public key")
            guard let key = PublicKey(hex: text) else {
                throw NodeAPIError.badRequest("\(text.prefix(80)) is not a public key (64 hex characters)")
            }
            return try JSONResponse.ok(NodeAPI.Account(nextNonce: chain.state.nextNonce(for: key)))
        }

        let signLimit = maximumSignRequestBytes(node.configuration)
        router.post("v1/blocks/sign") { request, _ -> Response in
            let body: NodeAPI.SignRequest = try await decodeBody(request, limit: signLimit)
            let bytes = try hex(body.block, "block")
            let block: Block
            do {
                block = try Block(decoding: bytes)
            } catch {
                throw NodeAPIError.badRequest("block: \(error)")
            }
            let signature = try await node.cosign(block)
            return try JSONResponse.ok(NodeAPI.SignResponse(signature: signature.signature.bytes.hexString,
                                                            index: Int(signature.validatorIndex)))
        }
        return router
    }

    // MARK: Helpers

    private static func entry(_ block: Block) -> NodeAPI.BlockEntry {
        NodeAPI.BlockEntry(height: block.height, hash: block.hash.hex, block: block.encoded().hexString)
    }

    /// Reads the body (413 beyond `limit`) and decodes it as JSON (400 if it is not `Body`).
    private static func decodeBody<Body: Decodable>(_ request: Request, limit: Int) async throws -> Body {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch {
            throw NodeAPIError.badRequest("request body is not the expected JSON: \(describe(error))")
        }
    }

    private static func hex(_ text: String, _ what: String) throws -> [UInt8] {
        guard let bytes = [UInt8](hexString: text) else { throw NodeAPIError.badRequest("\(what) is not an even-length hex string") }
        return bytes
    }

    private static func parameter<Value: LosslessStringConvertible>(_ context: BasicRequestContext, _ name: String,
                                                                     as type: Value.Type, _ what: String) throws -> Value {
        let text = context.parameters.get(name) ?? ""
        guard let value = Value(text) else { throw NodeAPIError.badRequest("\(text.prefix(80)) is not \(what)") }
        return value
    }

    private static func digestParameter(_ context: BasicRequestContext, _ name: String, _ what: String) throws -> Digest {
        let text = context.parameters.get(name) ?? ""
        guard let digest = Digest(hex: text) else {
            throw NodeAPIError.badRequest("\(text.prefix(80)) is not \(what) (64 hex characters)")
        }
        return digest
    }

    private static func queryValue<Value: LosslessStringConvertible>(_ query: Parameters, _ name: Substring,
                                                                      default value: Value, as type: Value.Type) throws -> Value {
        guard let text = query[name] else { return value }
        guard let parsed = Value(String(text)) else { throw NodeAPIError.badRequest("query parameter \(name)=\(text.prefix(80)) is not a number") }
        return parsed
    }

    /// A store read; its failure is the node's (500), not the client's.
    private static func readChain<Value>(_ read: () throws -> Value) throws -> Value {
        do {
            return try read()
        } catch {
            throw NodeAPIError(.internalServerError, "\(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case let Swift.DecodingError.keyNotFound(key, _): "missing key \"\(key.stringValue)\""
        case let Swift.DecodingError.typeMismatch(_, context), let Swift.DecodingError.valueNotFound(_, context):
            "wrong type at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\""
        case Swift.DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
