import Foundation
import Testing
import ZKChain
import ZKTestSupport
import ZKVerify

/// `serve --queue postgres://…` against a real PostgreSQL server: one API node and two worker
/// processes share the job table; a worker killed with SIGKILL in the middle of a proof loses
/// its lease, the job is proven again by the other, and every accepted job completes exactly
/// once with a result that verifies.
@Suite("Scale-out on PostgreSQL", .serialized)
struct ScaleOutTests {
    @Test("one API node, two workers, SIGKILL one mid-job: every accepted job completes exactly once and verifies")
    func killedWorker() async throws {
        let postgres = try PostgresTestServer()
        defer { postgres.stop() }
        let space = try Workspace(chain: true)
        defer { space.remove() }
        // A model slow enough (about 1.5 s a proof) to be killed in the middle of one.
        let zoo = Repository.url("Circuits/resnet8_cifar")
        try space.expectSuccess(["import", zoo.appendingPathComponent("model.onnx").path, "--calibration",
                                 zoo.appendingPathComponent("calibration.json").path, "--output", "r.zkm"])
        try space.expectSuccess(["commit", "r.zkm", "--output", "r.zkpub"])
        try space.expectSuccess(["register", "r.zkpub", "--key", "alice.json", "--data", "chain"])
        let modelID = try #require(try space.expectSuccess(["inspect", "r.zkpub", "--json"]).json()["model_id"] as? String)
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: zoo.appendingPathComponent("test.json")))
            as? [String: Any])?["input_data"] as? [Any])

        let shared = ["--model", "r.zkm", "--chain-data", "chain", "--queue", postgres.url]
        let api = try ServeChild(shared + ["--role", "api", "--queue-depth", "16"], in: space.directory)
        defer { api.stop() }
        let workers = try (0..<2).map { _ in
            try WorkerChild(shared + ["--role", "worker", "--workers", "1", "--lease-seconds", "2"], in: space.directory)
        }
        defer { for worker in workers { worker.stop() } }

        var jobIDs = [String]()
        for row in rows.prefix(6) {
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["input_data": [row]]), as: UTF8.self)
            let answer = try await api.post("/v1/models/\(modelID)/predictions", body)
            #expect(answer.status == 202, "\(answer.text)")
            jobIDs.append(try #require(answer.json?["id"] as? String))
        }
        // Wait until the first worker proves a job, then kill it mid-proof.
        let victim = workers[0]
        var killedJob: String?
        for _ in 0..<3000 where killedJob == nil {
            for id in jobIDs {
                let job = try await api.get("/v1/jobs/\(id)").json ?? [:]
                if job["state"] as? String == "proving", (job["worker"] as? String)?.contains("-\(victim.process.processIdentifier)/") == true {
                    killedJob = id
                    break
                }
            }
            if killedJob == nil { try await Task.sleep(for: .milliseconds(10)) }
        }
        let killed = try #require(killedJob, "the first worker never started a job")
        kill(victim.process.processIdentifier, SIGKILL)
        victim.process.waitUntilExit()

        // Every job completes, once: the killed one after its lease ran out, by the other worker.
        let genesis = try ZKChain.Genesis(json: Data(contentsOf: space.directory.appendingPathComponent("chain/genesis.json")))
        for id in jobIDs {
            var job = [String: Any]()
            for _ in 0..<2400 {
                job = try await api.get("/v1/jobs/\(id)").json ?? [:]
                if job["state"] as? String == "succeeded" || job["state"] as? String == "failed" { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(job["state"] as? String == "succeeded", "\(id): \(job)")
            if id == killed {
                #expect(job["attempts"] as? Int == 2, "\(job)")
                #expect((job["worker"] as? String)?.contains("-\(workers[1].process.processIdentifier)/") == true, "\(job)")
            }
            let first = try await api.get("/v1/jobs/\(id)/bundle").body
            let again = try await api.get("/v1/jobs/\(id)/bundle").body
            #expect(first == again, "a job's result never changes")
            let statement = try OfflineVerifier.verify(try PredictionBundle(decoding: [UInt8](first)), genesis: genesis)
            #expect(statement.modelID.hex == modelID)
        }
        #expect(try await api.get("/metrics").text.contains("zkinfer_jobs_total{event=\"accepted\"} 6"))
    }
}

/// A `serve --role worker` child (no HTTP): started once it says it is ready.
final class WorkerChild: @unchecked Sendable {
    let process: Process

    init(_ arguments: [String], in directory: URL) throws {
        guard let binary = ZKInferBinary.url else { throw CLITestError("no zkinfer binary") }
        process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = directory
        process.arguments = ["serve"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = ListeningLine(readingFrom: output.fileHandleForReading).line ?? ""
        guard line.hasPrefix("worker ") else {
            process.terminate()
            throw CLITestError("worker did not start: \(line)")
        }
        output.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
