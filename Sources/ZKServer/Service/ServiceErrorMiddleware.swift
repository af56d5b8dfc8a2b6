import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OpenAPIRuntime

/// Every error answer of the proving service is JSON {"error", "detail"}: an unknown route (404),
/// an oversized body (413, checked here before any handler collects it), a request the
/// generated server could not decode (400), and anything else (500, logged).
struct ServiceErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let maximumBodyBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodyBytes {
            return Self.answer(.contentTooLarge, "too_large", "the request body is \(length) bytes; the limit is \(maximumBodyBytes)")
        }
        do {
            // Collected here with the limit, so a chunked body cannot grow past it either.
            let body = try await request.body.collect(upTo: maximumBodyBytes)
            request.body = RequestBody(buffer: body)
        } catch {
            return Self.answer(.contentTooLarge, "too_large", "the request body exceeds the limit of \(maximumBodyBytes) bytes")
        }
        do {
            var response = try await next(request, context)
            // The generated server percent-encodes header values as URI components; a
            // Location is a path, and clients follow it as written.
            if let location = response.headers[.location], location.contains("%"), let path = location.removingPercentEncoding {
                response.headers[.location] = path
            }
            return response
        } catch let error as ServerError where error.operationInput == nil {
            // The generated server could not decode the request (not JSON, a missing or
            // wrongly typed field, an unknown content type): the client's doing.
            return Self.answer(.badRequest, "bad_request", "the request does not match the API: \(Self.reason(error))")
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status == .contentTooLarge ? "too_large" : "bad_request"
            let detail = error.status == .notFound ? "no such endpoint: \(request.method) \(request.uri.path.prefix(200))"
                : (error.body ?? error.status.reasonPhrase)
            return Self.answer(error.status, code, detail)
        } catch {
            context.logger.error("unexpected error for \(request.method) \(request.uri.path.prefix(200)): \(error)")
            return Self.answer(.internalServerError, "internal", "internal error")
        }
    }

    /// The underlying decoding error, short and without the request's bytes.
    static func reason(_ error: ServerError) -> String {
        let text: String
        if let decoding = error.underlyingError as? DecodingError {
            switch decoding {
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context), let .dataCorrupted(context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                text = path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
            @unknown default:
                text = "\(decoding)"
            }
        } else {
            text = error.causeDescription
        }
        return String(text.prefix(300))
    }

    static func answer(_ status: HTTPResponse.Status, _ code: String, _ detail: String) -> Response {
        let data = (try? JSONEncoder().encode(["error": code, "detail": detail])) ?? Data(#"{"error":"internal","detail":""}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
