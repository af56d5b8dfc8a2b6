import Foundation
import Testing
import ZKChain
import ZKProof
import ZKServer

/// Untrusted requests: each malformed one gets its 4xx with a JSON `{"error": …}` body, and the
/// node keeps serving afterwards.
@Suite("Malformed requests") struct MalformedRequestTests {
    struct Case: CustomStringConvertible {
        var method: String
        var path: String
        var body: Data?
        var status: Int
        var description: String { "\(method) \(path.prefix(60)) → \(status)" }
    }

    static func cases(genesis: Genesis) throws -> [Case] {
        let key = testKey(0x51)
        let good = Transaction.signed(body: registration("m"), nonce: 1, chainID: genesis.hash, key: key).encoded()
        let block = try emptyBlock(genesis)
        func transaction(_ text: String) -> Data { jsonBody(["transaction": text]) }
        return [
            Case(method: "POST", path: "/v1/transactions", body: Data("not json".utf8), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: Data(), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: jsonBody(["tx": hex(good)]), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: jsonBody(["transaction": 42]), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: Data("[1,2,3]".utf8), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: transaction("xyz"), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: transaction("abc"), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: transaction(""), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: transaction(hex(Array(good.dropLast()))), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: transaction(hex(good + [0])), status: 400),
            Case(method: "POST", path: "/v1/transactions", body: transaction(hex([UInt8](repeating: 0xFF, count: 200))), status: 400),
            // Over the 256 KiB body cap.
            Case(method: "POST", path: "/v1/transactions",
                 body: transaction(String(repeating: "00", count: 200_000)), status: 413),
            Case(method: "GET", path: "/v1/blocks/abc", status: 400),
            Case(method: "GET", path: "/v1/blocks/-1", status: 400),
            Case(method: "GET", path: "/v1/blocks/99999999999999999999999", status: 400),
            Case(method: "GET", path: "/v1/blocks/0", status: 404),
            Case(method: "GET", path: "/v1/blocks/18446744073709551615", status: 404),
            Case(method: "GET", path: "/v1/blocks?from=abc", status: 400),
            Case(method: "GET", path: "/v1/blocks?from=1&limit=0", status: 400),
            Case(method: "GET", path: "/v1/blocks?from=1&limit=101", status: 400),
            Case(method: "GET", path: "/v1/blocks?limit=-5", status: 400),
            Case(method: "GET", path: "/v1/models/1234", status: 400),
            Case(method: "GET", path: "/v1/models/\(String(repeating: "zz", count: 32))", status: 400),
            Case(method: "GET", path: "/v1/models/\(testDigest("unknown").hex)", status: 404),
            Case(method: "GET", path: "/v1/models/\(testDigest("unknown").hex)/receipt", status: 404),
            Case(method: "GET", path: "/v1/models/nothex/receipt", status: 400),
            Case(method: "GET", path: "/v1/accounts/123", status: 400),
            Case(method: "GET", path: "/v1/nothing", status: 404),
            // A path that exists with another method: 405 (with Allow), not 404.
            Case(method: "DELETE", path: "/v1/status", status: 405),
            Case(method: "POST", path: "/v1/blocks/sign", body: Data("{}".utf8), status: 400),
            Case(method: "POST", path: "/v1/blocks/sign", body: jsonBody(["block": "0102"]), status: 400),
            Case(method: "POST", path: "/v1/blocks/sign", body: jsonBody(["block": String(repeating: "ab", count: 9 << 20)]), status: 413),
            // Well-formed, but this node is the proposer: it does not co-sign.
            Case(method: "POST", path: "/v1/blocks/sign", body: jsonBody(["block": hex(block.encoded())]), status: 409),
        ]
    }

    /// An unsigned, valid first block without transactions.
    static func emptyBlock(_ genesis: Genesis) throws -> Block {
        try ChainState(genesis: genesis).proposeBlock(transactions: [], timestamp: Chain.wallClock())
    }

    @Test func everyMalformedRequestGetsA4xxJSONError() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let server = try await startNode(genesis: genesis, validator: 0)
        for request in try Self.cases(genesis: genesis) {
            let answer = try await rawRequest(server.url, request.method, request.path, body: request.body)
            #expect(answer.status == request.status, "\(request)")
            #expect(answer.errorMessage?.isEmpty == false, "\(request): body \(String(decoding: answer.body.prefix(200), as: UTF8.self))")
        }
        // Still serving, and nothing malformed reached the chain.
        let status = try await server.client.status()
        #expect(status.height == 0 && status.pending == 0)
        await server.stop()
    }

    @Test func signingRequiresAValidatorFollower() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let leader = try await startNode(genesis: genesis, validator: 0)
        let observer = try await startNode(genesis: genesis)
        let block = try Self.emptyBlock(genesis)
        let answer = try await rawRequest(observer.url, "POST", "/v1/blocks/sign", body: jsonBody(["block": hex(block.encoded())]))
        #expect(answer.status == 403 && answer.errorMessage != nil)
        // An observer neither proposes nor forwards.
        let transaction = Transaction.signed(body: registration("o"), nonce: 1, chainID: genesis.hash, key: testKey(0x52))
        let submitted = try await rawRequest(observer.url, "POST", "/v1/transactions", body: jsonBody(["transaction": hex(transaction.encoded())]))
        #expect(submitted.status == 503 && submitted.errorMessage != nil)
        await observer.stop()
        await leader.stop()
    }
}
