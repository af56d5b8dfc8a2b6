import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1

/// Turns every error a handler (or the router) throws into an error answer: `{"error": …}`
/// under `/v1`, an HTML error page elsewhere (the explorer, and any unknown path a browser
/// asks for). A `NodeAPIError` keeps its status and headers, a node's `ChainNodeError` gets the
/// status `NodeAPIError.init(_:)` gives it, Hummingbird's own errors (404 for
/// an unknown route, 413 for an oversized body) keep their status, anything else is a 500.
/// It also refuses over-long URIs with 414 before any handler parses them.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Shown in the HTML error pages' header.
    let chainName: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let uriBytes = request.uri.description.utf8.count
        if uriBytes > NodeRoutes.maximumURIBytes {
            return answer(request, .uriTooLong, "the request URI is \(uriBytes) bytes; the limit is \(NodeRoutes.maximumURIBytes)")
        }
        do {
            return try await next(request, context)
        } catch let error as NodeAPIError {
            return answer(request, error.status, error.message, signedBlock: error.signedBlock, headers: error.headers)
        } catch let error as ChainNodeError {
            let api = NodeAPIError(error)
            return answer(request, api.status, api.message, signedBlock: api.signedBlock)
        } catch let error as HTTPError {
            return answer(request, error.status, error.body ?? Self.message(for: error.status, request), headers: error.headers)
        } catch let error as any HTTPResponseError {
            // NIO's too-many-bytes error (a body over the collection limit) answers 413.
            return answer(request, error.status, Self.message(for: error.status, request))
        } catch let error as HTTPParserError {
            // Reading the body failed: the client hung up before sending all of it (the
            // decoder's end-of-stream error) or sent a malformed one. The client's doing, not
            // the node's: debug level, and a 400 in case anyone still listens.
            context.logger.debug("request body unreadable for \(request.method) \(request.uri.path.prefix(200)): \(error)")
            if case .invalidEOFState = error {
                return answer(request, .badRequest, "the connection closed before the request body was complete")
            }
            return answer(request, .badRequest, "malformed request body: \(error)")
        } catch {
            if Self.isDisconnection(error) {
                context.logger.debug("client disconnected during \(request.method) \(request.uri.path.prefix(200)): \(error)")
            } else {
                context.logger.error("unexpected error for \(request.method) \(request.uri.path.prefix(200)): \(error)")
            }
            return answer(request, .internalServerError, "internal error")
        }
    }

    /// API paths answer JSON; everything else is for people, who get a page.
    static func isAPIPath(_ path: String) -> Bool {
        path == "/v1" || path.hasPrefix("/v1/")
    }

    private func answer(_ request: Request, _ status: HTTPResponse.Status, _ message: String, signedBlock: String? = nil,
                        headers: HTTPFields = [:]) -> Response {
        if Self.isAPIPath(request.uri.path) {
            var response = JSONResponse.error(status, message, signedBlock: signedBlock)
            response.headers.append(contentsOf: headers)
            return response
        }
        return ExplorerRenderer.errorResponse(status, message, chainName: chainName, headers: headers)
    }

    private static func message(for status: HTTPResponse.Status, _ request: Request) -> String {
        switch status {
        case .notFound: "no such page or endpoint: \(request.method) \(request.uri.path.prefix(200))"
        case .contentTooLarge: "request body exceeds the size limit"
        default: status.reasonPhrase
        }
    }

    /// Errors that mean the connection closed under a handler: a cancelled task, a channel
    /// already closed, a reset or broken socket.
    static func isDisconnection(_ error: any Error) -> Bool {
        switch error {
        case is CancellationError: return true
        case let error as ChannelError: return [.ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed].contains(error)
        case let error as IOError: return [ECONNRESET, EPIPE, ECONNABORTED].contains(error.errnoCode)
        default: return false
        }
    }
}

/// JSON response construction.
enum JSONResponse {
    static func ok(_ value: some Encodable) throws -> Response {
        make(.ok, try JSONEncoder().encode(value))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, signedBlock: String? = nil) -> Response {
        make(status, Data(errorBody(message, signedBlock: signedBlock)))
    }

    /// `{"error": message}` encoded.
    static func errorBody(_ message: String, signedBlock: String? = nil) -> [UInt8] {
        // Encoding strings cannot fail; the fallback keeps this path free of traps anyway.
        let body = (try? JSONEncoder().encode(NodeAPI.ErrorResponse(error: message, signedBlock: signedBlock)))
            ?? Data(#"{"error":"error"}"#.utf8)
        return [UInt8](body)
    }

    private static func make(_ status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
