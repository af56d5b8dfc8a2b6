import Foundation
import Hummingbird

/// Turns every error a handler (or the router) throws into a JSON error answer, so a client
/// always gets `{"error": …}`: a `NodeAPIError` keeps its status, Hummingbird's own errors (404
/// for an unknown route, 413 for an oversized body) keep theirs, anything else is a 500.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as NodeAPIError {
            return JSONResponse.error(error.status, error.message, signedBlock: error.signedBlock)
        } catch let error as HTTPError {
            return JSONResponse.error(error.status, error.body ?? Self.message(for: error.status, request))
        } catch let error as any HTTPResponseError {
            // NIO's too-many-bytes error (a body over the collection limit) answers 413.
            return JSONResponse.error(error.status, Self.message(for: error.status, request))
        } catch {
            context.logger.error("unexpected error for \(request.method) \(request.uri.path): \(error)")
            return JSONResponse.error(.internalServerError, "internal error")
        }
    }

    private static func message(for status: HTTPResponse.Status, _ request: Request) -> String {
        switch status {
        case .notFound: "no such endpoint: \(request.method) \(request.uri.path)"
        case .contentTooLarge: "request body exceeds the size limit"
        default: status.reasonPhrase
        }
    }
}

/// JSON response construction.
enum JSONResponse {
    static func ok(_ value: some Encodable) throws -> Response {
        make(.ok, try JSONEncoder().encode(value))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, signedBlock: String? = nil) -> Response {
        // Encoding strings cannot fail; the fallback keeps this path free of traps anyway.
        let body = (try? JSONEncoder().encode(NodeAPI.ErrorResponse(error: message, signedBlock: signedBlock)))
            ?? Data(#"{"error":"error"}"#.utf8)
        return make(status, body)
    }

    private static func make(_ status: HTTPResponse.Status, _ body: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
