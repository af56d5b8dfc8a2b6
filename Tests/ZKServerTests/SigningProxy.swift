import Foundation
import Hummingbird
import ServiceLifecycle
import Synchronization
import ZKChain
import ZKProof
import ZKServer

/// A stand-in for a co-signing validator on the proposer's peer list, between the proposer and
/// the real co-signer: it forwards `POST /v1/blocks/sign` to the co-signer and, while holding,
/// keeps the co-signer's answer from the proposer (so the co-signer has signed, and recorded,
/// a block the proposer never appends). Refusing answers 503 without forwarding, as a paused
/// co-signer would (after a timeout).
final class SigningProxy: Sendable {
    enum Mode: Sendable { case forward, forwardAndHold, refuse }

    /// A block the co-signer signed through the proxy, and its signature.
    struct Signed: Sendable {
        let block: Block
        let signature: ValidatorSignature
    }

    /// What the request handler and the test share.
    final class State: Sendable {
        let mode: Mutex<Mode>
        let signed = Mutex<[Signed]>([])
        let held = Mutex<[CheckedContinuation<Void, Never>]>([])
        init(_ mode: Mode) { self.mode = Mutex(mode) }
    }

    let url: URL
    private let state: State
    private let services: ServiceGroup
    private let task: Task<Void, any Error>

    var signed: [Signed] { state.signed.withLock { $0 } }

    func set(_ mode: Mode) { state.mode.withLock { $0 = mode } }

    private init(url: URL, state: State, services: ServiceGroup, task: Task<Void, any Error>) {
        self.url = url
        self.state = state
        self.services = services
        self.task = task
    }

    static func start(cosigner: URL, mode initial: Mode) async throws -> SigningProxy {
        let state = State(initial)
        let client = NodeClient(baseURL: cosigner, timeout: 5)
        let router = Router()
        router.post("v1/blocks/sign") { request, _ -> Response in
            var request = request
            let body = try await request.collectBody(upTo: 64 << 20)
            let current = state.mode.withLock { $0 }
            guard current != .refuse,
                  let sign = try? JSONDecoder().decode(NodeAPI.SignRequest.self, from: Data(body.readableBytesView)),
                  let bytes = [UInt8](hexString: sign.block), let block = try? Block(decoding: bytes),
                  let signature = try? await client.sign(block) else {
                return Response(status: .serviceUnavailable)
            }
            state.signed.withLock { $0.append(Signed(block: block, signature: signature)) }
            if current == .forwardAndHold {
                await withCheckedContinuation { continuation in state.held.withLock { $0.append(continuation) } }
                return Response(status: .serviceUnavailable)
            }
            let answer = NodeAPI.SignResponse(signature: signature.signature.bytes.hexString, index: Int(signature.validatorIndex))
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(answer))))
        }
        let (bound, reportBound) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  reportBound.yield(channel.localAddress?.port ?? 0)
                                  reportBound.finish()
                              }, logger: quietLogger)
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: quietLogger))
        let task = Task {
            defer { reportBound.finish() }
            try await services.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let port = await iterator.next(), let url = URL(string: "http://127.0.0.1:\(port)") else {
            try await task.value
            throw NodeProcessError("the signing proxy did not start")
        }
        return SigningProxy(url: url, state: state, services: services, task: task)
    }

    /// Answers every held request (503) and stops the server.
    func stop() async {
        for continuation in state.held.withLock({ held in defer { held = [] }; return held }) { continuation.resume() }
        await services.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
