import Foundation
import OpenAPIRuntime
import OpenAPIURLSession
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of `zkinfer serve`, over the client generated from openapi.yaml (URLSession
/// transport): predictions, jobs, bundles and the model list.
package struct ServiceClient: Sendable {
    /// A job as the client reports it.
    package struct Job: Sendable {
        package var id: String
        package var state: String
        package var predictedClass: Int?
        package var output: [Double]?
        package var proofBytes: Int?
        package var proveSeconds: Double?
        package var queuedSeconds: Double?
        package var error: String?
        /// With serve --attest: pending, recorded or failed.
        package var attestation: String?
        package var attestationError: String?
        package var attestedHeight: Int?
        package var isFinished: Bool { state == "succeeded" || state == "failed" }
    }

    package enum Prediction: Sendable {
        /// 200 (proven while the request waited) or 202 (queued).
        case accepted(Job)
        /// 429: the queue is full.
        case queueFull(retryAfter: Int, detail: String)
    }

    /// An answer the service gave instead of what was asked (with its JSON error's detail), or a
    /// transport failure.
    package struct Failure: Error, CustomStringConvertible {
        package var status: Int?
        package var detail: String
        package var description: String { status.map { "HTTP \($0): \(detail)" } ?? detail }
    }

    package struct Model: Sendable {
        package var id: String
        package var name: String?
        package var inputShape: [Int]
        package var genesis: String
    }

    private let client: Client
    /// Largest bundle or proof accepted from the service.
    static let maximumDownloadBytes = 256 << 20

    package init(baseURL: URL, requestTimeout: Double = 600) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.timeoutIntervalForResource = requestTimeout
        configuration.httpMaximumConnectionsPerHost = 64
        client = Client(serverURL: baseURL, transport: URLSessionTransport(configuration: .init(session: URLSession(configuration: configuration))))
    }

    package func models() async throws(Failure) -> [Model] {
        let output = try await call { try await client.listModels() }
        guard case let .ok(ok) = output, case let .json(body) = ok.body else { throw Self.unexpected(output) }
        return body.models.map { Model(id: $0.id, name: $0.name, inputShape: $0.inputShape, genesis: $0.genesis) }
    }

    /// Submits one sample; with `wait`, the service answers when proven (or after its wait timeout).
    package func predict(modelID: String, sample: [Float], wait: Bool) async throws(Failure) -> Prediction {
        let values: OpenAPIValueContainer
        do { values = try OpenAPIValueContainer(unvalidatedValue: sample.map(Double.init)) } catch {
            throw Failure(status: nil, detail: "cannot encode the sample: \(error)")
        }
        let output = try await call {
            try await client.createPrediction(path: .init(modelID: modelID), query: .init(wait: wait),
                                              body: .json(.init(inputData: [values])))
        }
        switch output {
        case let .ok(ok):
            guard case let .json(job) = ok.body else { throw Self.unexpected(output) }
            return .accepted(Self.job(job))
        case let .accepted(accepted):
            guard case let .json(job) = accepted.body else { throw Self.unexpected(output) }
            return .accepted(Self.job(job))
        case let .tooManyRequests(refused):
            guard case let .json(error) = refused.body else { throw Self.unexpected(output) }
            return .queueFull(retryAfter: refused.headers.retryAfter, detail: error.detail)
        case let .badRequest(response): throw Self.failure(400, response)
        case let .notFound(response): throw Self.failure(404, response)
        case let .contentTooLarge(response): throw Self.failure(413, response)
        case let .internalServerError(response): throw Self.failure(500, response)
        case let .serviceUnavailable(response): throw Self.failure(503, response)
        case .undocumented: throw Self.unexpected(output)
        }
    }

    package func job(_ id: String) async throws(Failure) -> Job {
        let output = try await call { try await client.getJob(path: .init(jobID: id)) }
        switch output {
        case let .ok(ok):
            guard case let .json(job) = ok.body else { throw Self.unexpected(output) }
            return Self.job(job)
        case let .notFound(response): throw Self.failure(404, response)
        case .undocumented: throw Self.unexpected(output)
        }
    }

    /// Polls a job until it finishes (or `timeout` passes).
    package func waitForJob(_ id: String, timeout: Double, interval: Double = 0.05) async throws(Failure) -> Job {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let current = try await job(id)
            if current.isFinished { return current }
            guard Date() < deadline else { throw Failure(status: nil, detail: "job \(id) is still \(current.state) after \(Int(timeout)) s") }
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// Polls a proven job until its attestation is recorded or has failed (or `timeout` passes).
    package func waitForAttestation(_ id: String, timeout: Double, interval: Double = 0.1) async throws(Failure) -> Job {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let current = try await job(id)
            guard current.attestation == "pending" else { return current }
            guard Date() < deadline else { throw Failure(status: nil, detail: "job \(id)'s attestation is still pending after \(Int(timeout)) s") }
            try? await Task.sleep(for: .seconds(interval))
        }
    }

    /// The prediction bundle (.zkr) of a proven job.
    package func bundle(_ id: String) async throws(Failure) -> [UInt8] {
        let output = try await call { try await client.getJobBundle(path: .init(jobID: id)) }
        switch output {
        case let .ok(ok):
            guard case let .binary(body) = ok.body else { throw Self.unexpected(output) }
            do { return try await [UInt8](collecting: body, upTo: Self.maximumDownloadBytes) } catch {
                throw Failure(status: 200, detail: "the bundle could not be read: \(error)")
            }
        case let .notFound(response): throw Self.failure(404, response)
        case let .conflict(response): throw Self.failure(409, response)
        case .undocumented: throw Self.unexpected(output)
        }
    }

    // MARK: Helpers

    private func call<T>(_ body: () async throws -> T) async throws(Failure) -> T {
        do { return try await body() } catch {
            let reason = (error as? ClientError).map { String(describing: $0.underlyingError) } ?? String(describing: error)
            throw Failure(status: nil, detail: "the request failed: \(reason)")
        }
    }

    private static func job(_ job: Components.Schemas.Job) -> Job {
        Job(id: job.id, state: job.state.rawValue, predictedClass: job.predictedClass, output: job.output, proofBytes: job.proofBytes,
            proveSeconds: job.proveSeconds, queuedSeconds: job.queuedSeconds, error: job.error,
            attestation: job.attestation?.rawValue, attestationError: job.attestationError, attestedHeight: job.attestedHeight)
    }

    private static func failure(_ status: Int, _ response: some ServiceErrorResponse) -> Failure {
        Failure(status: status, detail: response.detail)
    }

    private static func unexpected(_ output: some Sendable) -> Failure {
        Failure(status: nil, detail: "an answer the API does not document: \(String(describing: output).prefix(200))")
    }
}

/// The JSON error body every documented error response carries.
protocol ServiceErrorResponse {
    var detail: String { get }
}

extension Components.Responses.BadRequest: ServiceErrorResponse {
    var detail: String { if case let .json(error) = body { error.detail } else { "" } }
}

extension Components.Responses.NotFound: ServiceErrorResponse {
    var detail: String { if case let .json(error) = body { error.detail } else { "" } }
}

extension Components.Responses.TooLarge: ServiceErrorResponse {
    var detail: String { if case let .json(error) = body { error.detail } else { "" } }
}

extension Components.Responses.NotReady: ServiceErrorResponse {
    var detail: String { if case let .json(error) = body { error.detail } else { "" } }
}

extension Components.Responses.Failed: ServiceErrorResponse {
    var detail: String { if case let .json(error) = body { error.detail } else { "" } }
}

extension Components.Responses.Unavailable: ServiceErrorResponse {
    var detail: String { if case let .json(error) = body { error.detail } else { "" } }
}
