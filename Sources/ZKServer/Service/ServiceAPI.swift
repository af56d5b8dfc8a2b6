import Foundation
import OpenAPIRuntime
import ZKML
import ZKVerify

/// The handlers of openapi.yaml over a `ProvingService`.
struct ServiceAPI: APIProtocol {
    let service: any JobQueue
    /// How long `?wait=true` waits for a proof before answering 202 with the job.
    let waitTimeout: Double

    init(service: any JobQueue, waitTimeout: Double) {
        self.service = service
        self.waitTimeout = waitTimeout
    }

    func health(_ input: Operations.Health.Input) async throws -> Operations.Health.Output {
        .ok(.init(body: .json(.init(status: "ok"))))
    }

    func readiness(_ input: Operations.Readiness.Input) async throws -> Operations.Readiness.Output {
        service.isDraining ? .serviceUnavailable(.init(body: .json(.init(status: "draining")))) : .ok(.init(body: .json(.init(status: "ready"))))
    }

    func listModels(_ input: Operations.ListModels.Input) async throws -> Operations.ListModels.Output {
        .ok(.init(body: .json(.init(models: service.models.map(Self.summary)))))
    }

    func getModel(_ input: Operations.GetModel.Input) async throws -> Operations.GetModel.Output {
        guard let model = service.model(input.path.modelID) else { return .notFound(Self.notFound(model: input.path.modelID)) }
        return .ok(.init(body: .json(Self.summary(model))))
    }

    func getModelDescriptor(_ input: Operations.GetModelDescriptor.Input) async throws -> Operations.GetModelDescriptor.Output {
        guard let model = service.model(input.path.modelID) else { return .notFound(Self.notFound(model: input.path.modelID)) }
        service.metrics.bytesOut(model.descriptorBytes.count, kind: "descriptor")
        return .ok(.init(body: .binary(HTTPBody(model.descriptorBytes))))
    }

    func getModelReceipt(_ input: Operations.GetModelReceipt.Input) async throws -> Operations.GetModelReceipt.Output {
        guard let model = service.model(input.path.modelID) else { return .notFound(Self.notFound(model: input.path.modelID)) }
        service.metrics.bytesOut(model.receiptBytes.count, kind: "receipt")
        return .ok(.init(body: .binary(HTTPBody(model.receiptBytes))))
    }

    func createPrediction(_ input: Operations.CreatePrediction.Input) async throws -> Operations.CreatePrediction.Output {
        guard case let .json(body) = input.body else { return .badRequest(Self.error(.badRequest, "expected a JSON body")) }
        let sample: [Float]
        do {
            sample = try PredictionInputDecoding.sample(body.inputData)
        } catch {
            return .badRequest(Self.error(.badRequest, error.description))
        }
        let id: String
        do {
            id = try await service.submit(modelID: input.path.modelID, sample: sample)
        } catch {
            switch error {
            case .unknownModel: return .notFound(Self.notFound(model: input.path.modelID))
            case let .wrongInputSize(expected, got):
                return .badRequest(Self.error(.badRequest, "the model takes one sample of \(expected) numbers, got \(got)"))
            case let .nonFiniteInput(index):
                return .badRequest(Self.error(.badRequest, "input value \(index) is not a finite number"))
            case let .queueFull(depth, retryAfter):
                return .tooManyRequests(.init(headers: .init(retryAfter: retryAfter), body: .json(.init(
                    error: "queue_full", detail: "all \(depth) queue places are taken; retry after \(retryAfter) s"))))
            case .draining:
                return .serviceUnavailable(.init(body: .json(.init(error: "unavailable", detail: "the service is shutting down"))))
            case let .unavailable(reason):
                return .serviceUnavailable(.init(body: .json(.init(error: "unavailable", detail: "the job queue is unavailable: \(reason.prefix(200))"))))
            }
        }
        if input.query.wait == true, let job = await service.waitForCompletion(id, timeout: waitTimeout), job.isFinished {
            if job.state == .failed {
                return .internalServerError(.init(body: .json(.init(error: "failed", detail: job.error ?? "the prover failed"))))
            }
            return .ok(.init(body: .json(Self.representation(job))))
        }
        let job = await service.job(id) ?? ProvingJob(id: id, modelID: service.model(input.path.modelID)!.id, created: Date())
        return .accepted(.init(headers: .init(location: "/v1/jobs/\(id)"), body: .json(Self.representation(job))))
    }

    func getJob(_ input: Operations.GetJob.Input) async throws -> Operations.GetJob.Output {
        guard let job = await service.job(input.path.jobID) else { return .notFound(Self.notFound(job: input.path.jobID)) }
        return .ok(.init(body: .json(Self.representation(job))))
    }

    func getJobProof(_ input: Operations.GetJobProof.Input) async throws -> Operations.GetJobProof.Output {
        guard let job = await service.job(input.path.jobID) else { return .notFound(Self.notFound(job: input.path.jobID)) }
        guard let proof = job.proof else { return .conflict(Self.notReady(job)) }
        service.metrics.bytesOut(proof.count, kind: "proof")
        return .ok(.init(body: .binary(HTTPBody(proof))))
    }

    func getJobBundle(_ input: Operations.GetJobBundle.Input) async throws -> Operations.GetJobBundle.Output {
        guard let job = await service.job(input.path.jobID) else { return .notFound(Self.notFound(job: input.path.jobID)) }
        guard let proof = job.proof, let model = service.models.first(where: { $0.id == job.modelID }) else {
            return .conflict(Self.notReady(job))
        }
        let bundle = PredictionBundle(proof: proof, descriptor: model.descriptorBytes, receipt: model.receiptBytes,
                                      attestation: job.attestation ?? []).encoded()
        service.metrics.bytesOut(bundle.count, kind: "bundle")
        return .ok(.init(body: .binary(HTTPBody(bundle))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(service.metrics.exposition()))))
    }

    // MARK: Representations

    static func summary(_ model: ServedModel) -> Components.Schemas.Model {
        .init(id: model.id.hex, name: model.name, inputShape: model.model.inputShape, outputShape: model.model.outputShape,
              genesis: model.genesisHash.hex, registeredHeight: Int(model.registeredHeight), receiptHeight: Int(model.receiptHeight))
    }

    static func representation(_ job: ProvingJob) -> Components.Schemas.Job {
        let proven = job.state == .succeeded
        return .init(
            id: job.id, modelId: job.modelID.hex, state: .init(rawValue: job.state.rawValue) ?? .failed, created: job.created,
            stage: job.stage, queuedSeconds: job.queuedSeconds, proveSeconds: job.proveSeconds,
            stages: job.stages.isEmpty ? nil : job.stages.map { .init(name: $0.name, seconds: $0.seconds) },
            output: job.output.map { $0.map(Double.init) }, outputInt8: job.outputInt8.map { $0.map(Int.init) },
            predictedClass: job.predictedClass, proofBytes: job.proof?.count, error: job.error,
            attestation: job.attestationState.flatMap { .init(rawValue: $0.rawValue) }, attestedHeight: job.attestedHeight.map { Int($0) },
            attestationError: job.attestationError, worker: job.worker, attempts: job.attempts,
            proofUrl: proven ? "/v1/jobs/\(job.id)/proof" : nil, bundleUrl: proven ? "/v1/jobs/\(job.id)/bundle" : nil)
    }

    enum ErrorCode: String { case badRequest = "bad_request", notFound = "not_found", notReady = "not_ready" }

    static func error(_ code: ErrorCode, _ detail: String) -> Components.Responses.BadRequest {
        .init(body: .json(.init(error: code.rawValue, detail: detail)))
    }

    static func notFound(model: String) -> Components.Responses.NotFound {
        .init(body: .json(.init(error: ErrorCode.notFound.rawValue, detail: "no model \(model.prefix(80)) is served here; GET /v1/models lists them")))
    }

    static func notFound(job: String) -> Components.Responses.NotFound {
        .init(body: .json(.init(error: ErrorCode.notFound.rawValue, detail: "no job \(job.prefix(80)) (finished jobs are kept for a while, then forgotten)")))
    }

    static func notReady(_ job: ProvingJob) -> Components.Responses.NotReady {
        .init(body: .json(.init(error: ErrorCode.notReady.rawValue,
                                detail: job.state == .failed ? "the job failed: \(job.error ?? "")" : "the job is \(job.state.rawValue)")))
    }
}
