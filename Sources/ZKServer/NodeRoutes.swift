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
    /// Longest request target (path and query) a handler sees: longer ones, up to the HTTP
    /// decoder's 80 KiB limit, are answered 414; beyond it the decoder fails and
    /// `ParserErrorResponder` answers 400.
    public static let maximumURIBytes = 8 * 1024
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

    /// A router serving `node`: the JSON API under `/v1` and the explorer's HTML pages.
    public static func router(for node: ChainNode) -> Router<BasicRequestContext> {
        // HEAD is answered for every GET route, as HTTP requires of a general-purpose server.
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: JSONErrorMiddleware(chainName: node.chain.genesis.chainName))
        var routes = Registrar(router: router)
        addTransactionRoutes(to: &routes, node: node)
        addBlockRoutes(to: &routes, chain: node.chain)
        addModelRoutes(to: &routes, chain: node.chain)
        addValidatorRoutes(to: &routes, node: node)
        ExplorerRoutes.add(to: &routes, node: node, index: AttestationIndex())
        // Added after every route, so it wraps only the router's not-found answer (Hummingbird
        // applies a middleware to the routes added after it, and to the not-found responder).
        router.add(middleware: MethodNotAllowedMiddleware(table: routes.table))
        return router
    }

    /// `POST /v1/transactions` (answers once the block is durable) and `GET /v1/status`.
    static func addTransactionRoutes(to routes: inout Registrar, node: ChainNode) {
        routes.post("v1/transactions") { request, _ -> Response in
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

        routes.get("v1/status") { _, _ -> Response in
            try JSONResponse.ok(await node.status())
        }
    }

    /// `GET /v1/blocks/{height}` and the paged `GET /v1/blocks?from=&limit=`.
    static func addBlockRoutes(to routes: inout Registrar, chain: Chain) {
        routes.get("v1/blocks/:height") { _, context -> Response in
            let height = try parameter(context, "height", as: UInt64.self, "a block height")
            guard let block = try readChain({ try chain.block(at: height) }) else {
                throw NodeAPIError.notFound("no block at height \(height) (tip is \(chain.state.tipHeight))")
            }
            return try JSONResponse.ok(entry(block))
        }

        routes.get("v1/blocks") { request, _ -> Response in
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
    }

    /// `GET /v1/models/{id}` and its receipt.
    static func addModelRoutes(to routes: inout Registrar, chain: Chain) {
        routes.get("v1/models/:id") { _, context -> Response in
            let modelID = try digestParameter(context, "id", "a model ID")
            guard let record = chain.state.models[modelID] else {
                throw NodeAPIError.notFound("model \(modelID) is not registered")
            }
            return try JSONResponse.ok(NodeAPI.Model(record))
        }

        // JSON with the receipt in hex by default; `?format=binary` downloads the receipt file.
        routes.get("v1/models/:id/receipt") { request, context -> Response in
            let modelID = try digestParameter(context, "id", "a model ID")
            switch request.uri.queryParameters["format"] {
            case nil, "json":
                return try JSONResponse.ok(NodeAPI.ReceiptResponse(receipt: receipt(chain, modelID).encoded().hexString))
            case "binary":
                return try receiptDownload(chain, modelID)
            case let format?:
                throw NodeAPIError.badRequest("format=\(format.prefix(40)) is not json or binary")
            }
        }
    }

    /// `GET /v1/accounts/{key}` (next nonce) and `POST /v1/blocks/sign` between validators.
    static func addValidatorRoutes(to routes: inout Registrar, node: ChainNode) {
        let chain = node.chain
        routes.get("v1/accounts/:key") { _, context -> Response in
            let text = try parameter(context, "key", as: String.self, "a public key")
            guard let key = PublicKey(hex: text) else {
                throw NodeAPIError.badRequest("\(text.prefix(80)) is not a public key (64 hex characters)")
            }
            return try JSONResponse.ok(NodeAPI.Account(nextNonce: chain.state.nextNonce(for: key)))
        }

        let signLimit = maximumSignRequestBytes(node.configuration)
        routes.post("v1/blocks/sign") { request, _ -> Response in
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
    }

    /// `modelID`'s receipt as of the tip; 404 for a model the chain does not hold.
    static func receipt(_ chain: Chain, _ modelID: Digest) throws -> ModelReceipt {
        do throws(ChainError) {
            return try chain.receipt(for: modelID)
        } catch {
            if case .unknownModel = error { throw NodeAPIError.notFound("model \(modelID) is not registered") }
            throw NodeAPIError(.internalServerError, error.description)
        }
    }

    /// The receipt file, as `zkinfer receipt get` writes it, for a browser or `curl -OJ`.
    static func receiptDownload(_ chain: Chain, _ modelID: Digest) throws -> Response {
        let bytes = try receipt(chain, modelID).encoded()
        var headers: HTTPFields = [.contentType: "application/octet-stream", .cacheControl: "no-cache"]
        headers[.contentDisposition] = "attachment; filename=\"\(ExplorerFormat.receiptFilename(modelID))\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
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

    static func digestParameter(_ context: BasicRequestContext, _ name: String, _ what: String) throws -> Digest {
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
    static func readChain<Value>(_ read: () throws -> Value) throws -> Value {
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

extension NodeRoutes {
    /// Adds routes to a router and records each path's methods in a `RouteTable`.
    struct Registrar {
        let router: Router<BasicRequestContext>
        private(set) var table = RouteTable()

        typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

        mutating func get(_ path: String, _ handler: @escaping Handler) {
            router.get(RouterPath(path), use: handler)
            table.add(path, [.get, .head])
        }

        mutating func post(_ path: String, _ handler: @escaping Handler) {
            router.post(RouterPath(path), use: handler)
            table.add(path, [.post])
        }
    }
}

/// The methods each route path answers, so that a request for a known path with another
/// method gets 405 and an `Allow` header rather than 404.
struct RouteTable: Sendable {
    private var entries: [(segments: [Substring], methods: [HTTPRequest.Method])] = []

    mutating func add(_ path: String, _ methods: [HTTPRequest.Method]) {
        let segments = path.split(separator: "/")
        if let index = entries.firstIndex(where: { $0.segments == segments }) {
            entries[index].methods.append(contentsOf: methods.filter { !entries[index].methods.contains($0) })
        } else {
            entries.append((segments, methods))
        }
    }

    /// The methods of the route the router would pick for `path` (literal segments win over
    /// parameters, as in Hummingbird's trie), or nil if no route has this path.
    func allowedMethods(for path: String) -> [HTTPRequest.Method]? {
        let requested = path.split(separator: "/")
        var best: (rank: [Bool], methods: [HTTPRequest.Method])?
        for entry in entries where entry.segments.count == requested.count {
            var rank = [Bool]()
            var matches = true
            for (pattern, segment) in zip(entry.segments, requested) {
                if pattern.hasPrefix(":") {
                    rank.append(false)
                } else if pattern == segment {
                    rank.append(true)
                } else {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            if let current = best, !rank.lexicographicallyPrecedes(current.rank, by: { $0 && !$1 }) { continue }
            best = (rank, entry.methods)
        }
        return best?.methods
    }
}

/// Turns the router's 404 for a known path into 405 with the `Allow` header.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let methods = table.allowedMethods(for: request.uri.path) else { throw error }
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            var answer = NodeAPIError(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path.prefix(200)); allowed: \(allow)")
            answer.headers[.allow] = allow
            throw answer
        }
    }
}
