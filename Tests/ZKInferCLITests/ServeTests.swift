import Foundation
import Testing
import ZKChain
import ZKTestSupport
import ZKVerify

/// `zkinfer serve` on loopback, spoken to over plain HTTP: every endpoint, 4xx JSON answers to
/// malformed requests, 429 when the queue is full, bundles that verify offline (and tampered ones
/// that do not), a bounded load test and a graceful drain.
@Suite("The proving service (zkinfer serve)", .serialized)
struct ServeTests {
    /// A workspace whose digits model is registered on its embedded chain, with one sample file.
    struct Setup {
        let space: Workspace
        let modelID: String

        init() throws {
            space = try Workspace(chain: true)
            try space.expectSuccess(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
            try space.writeSamples("one.json", count: 1)
            let inspected = try space.expectSuccess(["inspect", "m.zkpub", "--json"]).json()
            modelID = try #require(inspected["model_id"] as? String)
        }

        func serve(_ arguments: [String] = []) throws -> ServeChild {
            try ServeChild(["--model", "m.zkm", "--chain-data", "chain"] + arguments, in: space.directory)
        }

        var sampleJSON: String {
            get throws { try String(contentsOf: space.directory.appendingPathComponent("one.json"), encoding: .utf8) }
        }
    }

    @Test("every endpoint answers as documented; the proof and the bundle verify offline")
    func everyEndpoint() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve(["--workers", "1"])
        defer { serve.stop() }
        let id = setup.modelID

        #expect(try await serve.get("/healthz").json?["status"] as? String == "ok")
        #expect(try await serve.get("/readyz").status == 200)
        let models = try await serve.get("/v1/models")
        let listed = try #require(models.json?["models"] as? [[String: Any]])
        #expect(listed.map { $0["id"] as? String } == [id])
        #expect(listed.first?["input_shape"] as? [Int] == [1, 64])
        let model = try await serve.get("/v1/models/\(id)")
        #expect(model.status == 200 && model.json?["registered_height"] as? Int == 1)
        let genesis = try ZKChain.Genesis(json: Data(contentsOf: setup.space.directory.appendingPathComponent("chain/genesis.json")))
        #expect(model.json?["genesis"] as? String == genesis.hash.hex)

        // Descriptor and receipt: the committed descriptor, and a receipt that verifies.
        let descriptor = try await serve.get("/v1/models/\(id)/descriptor")
        #expect(descriptor.body == (try Data(contentsOf: setup.space.directory.appendingPathComponent("m.zkpub"))))
        let receipt = try await serve.get("/v1/models/\(id)/receipt")
        try receipt.body.write(to: setup.space.directory.appendingPathComponent("served.receipt"))
        try setup.space.expectSuccess(["receipt", "verify", "served.receipt", "--genesis", "chain/genesis.json", "--model", "m.zkpub"])

        // Waiting for the proof: 200 with the output `infer` computes.
        let proven = try await serve.post("/v1/models/\(id)/predictions?wait=true", try setup.sampleJSON)
        #expect(proven.status == 200, "\(proven.text)")
        let job = try #require(proven.json)
        #expect(job["state"] as? String == "succeeded")
        let inferred = try setup.space.expectSuccess(["infer", "m.zkm", "--input", "one.json", "--json"]).json()
        let predicted = (inferred["predicted"] as? [Int])?.first
        #expect(job["predicted_class"] as? Int == predicted)
        let jobID = try #require(job["id"] as? String)
        #expect(job["proof_url"] as? String == "/v1/jobs/\(jobID)/proof")
        #expect((job["stages"] as? [[String: Any]])?.isEmpty == false)

        let fetched = try await serve.get("/v1/jobs/\(jobID)")
        #expect(fetched.json?["state"] as? String == "succeeded")
        let proof = try await serve.get("/v1/jobs/\(jobID)/proof")
        try proof.body.write(to: setup.space.directory.appendingPathComponent("served.zkp"))
        try setup.space.expectSuccess(["verify", "served.zkp", "--model", "m.zkpub", "--input", "one.json"])
        let bundle = try await serve.get("/v1/jobs/\(jobID)/bundle")
        #expect(bundle.status == 200 && bundle.headers["content-type"] == "application/octet-stream")
        try bundle.body.write(to: setup.space.directory.appendingPathComponent("served.zkr"))
        try setup.space.expectSuccess(["verify", "served.zkr", "--genesis", "chain/genesis.json", "--input", "one.json"])

        // Not waiting: 202, a Location to poll, then the same result.
        let queued = try await serve.post("/v1/models/\(id)/predictions", try setup.sampleJSON)
        #expect(queued.status == 202)
        let location = try #require(queued.headers["location"])
        #expect(location.hasPrefix("/v1/jobs/"))
        var state = ""
        for _ in 0..<600 where state != "succeeded" {
            state = try await serve.get(location).json?["state"] as? String ?? ""
            if state != "succeeded" { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(state == "succeeded")

        // The client command does the same and verifies the bundle offline.
        let client = try setup.space.run(["client", "predict", serve.url, "--model", id, "--input", "one.json", "--out", "client.zkr",
                                          "--genesis", "chain/genesis.json", "--json"])
        #expect(client.status == 0, "\(client)")
        #expect(client.json()["verified"] as? Bool == true)
        #expect(client.json()["predicted_class"] as? Int == predicted)

        let metrics = try await serve.get("/metrics").text
        for name in ["zkinfer_queue_depth", "zkinfer_jobs_proving", "zkinfer_jobs_total{event=\"succeeded\"} 3",
                     "zkinfer_prove_duration_seconds_bucket", "zkinfer_bytes_out_total{kind=\"bundle\"}"] {
            #expect(metrics.contains(name), "metrics lack \(name)")
        }
    }

    @Test("malformed, oversized, wrongly typed and unknown requests are answered 4xx with a JSON error")
    func badRequests() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve(["--max-body-bytes", "65536"])
        defer { serve.stop() }
        let predictions = "/v1/models/\(setup.modelID)/predictions"
        let cases: [(body: String, contentType: String, status: Int)] = [
            ("not json", "application/json", 400),
            ("{\"input_data\": \"x\"}", "application/json", 400),
            ("{\"input_data\": [[1, 2]]}", "application/json", 400),
            ("{\"input_data\": [[\"a\"]]}", "application/json", 400),
            ("{\"input_data\": [[true]]}", "application/json", 400),
            ("{\"input_data\": [[null]]}", "application/json", 400),
            ("{\"input_data\": [[1e40]]}", "application/json", 400),
            ("{\"input_data\": []}", "application/json", 400),
            ("{}", "application/json", 400),
            ("[1, 2]", "application/json", 400),
            (String(repeating: "[", count: 200) + String(repeating: "]", count: 200), "application/json", 400),
            ("{\"input_data\": [[1]]}", "text/plain", 400),
            ("{\"input_data\": [" + String(repeating: "1,", count: 40_000) + "1]}", "application/json", 413),
        ]
        for (body, contentType, status) in cases {
            let answer = try await serve.request("POST", predictions, body: Data(body.utf8), contentType: contentType)
            #expect(answer.status == status, "\(body.prefix(60)): \(answer.status) \(answer.text.prefix(200))")
            #expect(answer.json?["error"] is String && answer.json?["detail"] is String, "\(body.prefix(60)): \(answer.text.prefix(200))")
        }
        for (method, path, status) in [("GET", "/v1/models/00", 404), ("POST", "/v1/models/00/predictions", 404),
                                       ("GET", "/v1/jobs/nope", 404), ("GET", "/v1/jobs/nope/proof", 404),
                                       ("GET", "/v1/jobs/nope/bundle", 404), ("GET", "/v2/anything", 404),
                                       ("DELETE", "/v1/models", 404)] {
            let answer = try await serve.request(method, path, body: method == "POST" ? Data((try setup.sampleJSON).utf8) : nil)
            #expect(answer.status == status, "\(method) \(path): \(answer.status) \(answer.text.prefix(200))")
            #expect(answer.json?["error"] is String, "\(method) \(path): \(answer.text.prefix(200))")
        }
        // After all that, the service still proves.
        #expect(try await serve.post(predictions + "?wait=true", try setup.sampleJSON).status == 200)
    }

    @Test("a full queue answers 429 with Retry-After; every accepted job is proven")
    func queueFull() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve(["--workers", "1", "--queue-depth", "2"])
        defer { serve.stop() }
        let predictions = "/v1/models/\(setup.modelID)/predictions"
        let body = try setup.sampleJSON
        let answers = try await withThrowingTaskGroup(of: ServeChild.Answer.self) { group in
            for _ in 0..<16 { group.addTask { try await serve.post(predictions, body) } }
            var all = [ServeChild.Answer]()
            for try await answer in group { all.append(answer) }
            return all
        }
        #expect(answers.allSatisfy { $0.status == 202 || $0.status == 429 }, "\(answers.map(\.status))")
        let refused = answers.filter { $0.status == 429 }
        #expect(!refused.isEmpty)
        for answer in refused {
            #expect(Int(answer.headers["retry-after"] ?? "") ?? 0 >= 1)
            #expect(answer.json?["error"] as? String == "queue_full")
        }
        for answer in answers where answer.status == 202 {
            let location = try #require(answer.headers["location"])
            var state = ""
            for _ in 0..<1500 where state != "succeeded" && state != "failed" {
                state = try await serve.get(location).json?["state"] as? String ?? ""
                if state != "succeeded" { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(state == "succeeded")
        }
        let metrics = try await serve.get("/metrics").text
        #expect(metrics.contains("zkinfer_jobs_total{event=\"queue_full\"} \(refused.count)"))
    }

    @Test("a service's bundle with any part tampered with, or truncated, does not verify")
    func tamperedBundle() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve()
        defer { serve.stop() }
        let job = try await serve.post("/v1/models/\(setup.modelID)/predictions?wait=true", try setup.sampleJSON)
        let jobID = try #require(job.json?["id"] as? String)
        let bytes = try await serve.get("/v1/jobs/\(jobID)/bundle").body
        let bundle = try PredictionBundle(decoding: [UInt8](bytes))
        let genesis = try ZKChain.Genesis(json: Data(contentsOf: setup.space.directory.appendingPathComponent("chain/genesis.json")))
        _ = try OfflineVerifier.verify(bundle, genesis: genesis)

        var variants = [(String, PredictionBundle)]()
        for (part, path) in [("proof", \PredictionBundle.proof), ("descriptor", \.descriptor), ("receipt", \.receipt)] {
            for position in [8, bundle[keyPath: path].count / 2, bundle[keyPath: path].count - 1] {
                var tampered = bundle
                tampered[keyPath: path][position] ^= 0x01
                variants.append(("\(part) byte \(position)", tampered))
            }
        }
        var attested = bundle
        attested.attestation = [1, 2, 3]
        variants.append(("a malformed attestation receipt", attested))
        for (name, variant) in variants {
            #expect(throws: OfflineVerificationError.self, "\(name)") { try OfflineVerifier.verify(variant, genesis: genesis) }
        }
        // And through the CLI: a flipped byte, and a truncated file.
        var flipped = bundle
        flipped.proof[flipped.proof.count / 3] ^= 0x80
        try Data(flipped.encoded()).write(to: setup.space.directory.appendingPathComponent("flipped.zkr"))
        #expect(try setup.space.run(["verify", "flipped.zkr", "--genesis", "chain/genesis.json"]).status == 1)
        try bytes.prefix(bytes.count - 100).write(to: setup.space.directory.appendingPathComponent("short.zkr"))
        #expect(try setup.space.run(["verify", "short.zkr", "--genesis", "chain/genesis.json"]).status == 3)
    }

    @Test("--attest logs predictions in batches signed by the owner; bundles carry receipts that verify for their prediction only")
    func attestation() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        // Only the model's owner may attest: Bob's key is refused at start.
        let refused = try setup.space.run(["serve", "--model", "m.zkm", "--chain-data", "chain", "--attest", "--key", "bob.json",
                                           "--listen", "127.0.0.1:0"])
        #expect(refused.status == 2 && refused.stderr.contains("not the owner"), "\(refused)")

        // A long interval, so that eight predictions queued at once share one batch, or a few.
        let serve = try setup.serve(["--attest", "--key", "alice.json", "--attest-interval", "2000"])
        defer { serve.stop() }
        let predictions = "/v1/models/\(setup.modelID)/predictions"
        // Eight predictions at once: they share a batch (or two).
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Workspace.testSet)))
            as? [String: Any])?["input_data"] as? [Any])
        var jobIDs = [String]()
        for row in rows.prefix(8) {
            let body = String(decoding: try JSONSerialization.data(withJSONObject: ["input_data": [row]]), as: UTF8.self)
            let answer = try await serve.post(predictions, body)
            #expect(answer.status == 202)
            jobIDs.append(try #require(answer.json?["id"] as? String))
        }
        let proven = try await serve.post(predictions + "?wait=true", try setup.sampleJSON)
        #expect(["pending", "recorded"].contains(proven.json?["attestation"] as? String), "\(proven.text)")
        jobIDs.append(try #require(proven.json?["id"] as? String))
        var bundles = [PredictionBundle]()
        for id in jobIDs {
            var job = [String: Any]()
            for _ in 0..<1500 {
                job = try await serve.get("/v1/jobs/\(id)").json ?? [:]
                if job["state"] as? String == "succeeded", job["attestation"] as? String != "pending" { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(job["attestation"] as? String == "recorded", "\(job)")
            #expect((job["attested_height"] as? Int ?? 0) >= 2)
            bundles.append(try PredictionBundle(decoding: [UInt8](try await serve.get("/v1/jobs/\(id)/bundle").body)))
        }
        let genesis = try ZKChain.Genesis(json: Data(contentsOf: setup.space.directory.appendingPathComponent("chain/genesis.json")))
        var heights = Set<UInt64>()
        for bundle in bundles {
            #expect(!bundle.attestation.isEmpty)
            let statement = try OfflineVerifier.verify(bundle, genesis: genesis)
            let record = try #require(statement.attestation)
            heights.insert(record.height)
        }
        // Batched: nine predictions proven within a few intervals share far fewer blocks.
        #expect(heights.count < bundles.count)
        // Another prediction's attestation receipt does not vouch for this one.
        var swapped = bundles[0]
        swapped.attestation = bundles[1].attestation
        #expect(throws: OfflineVerificationError.self) { try OfflineVerifier.verify(swapped, genesis: genesis) }
        var flipped = bundles[0]
        flipped.attestation[flipped.attestation.count - 5] ^= 0x01
        #expect(throws: OfflineVerificationError.self) { try OfflineVerifier.verify(flipped, genesis: genesis) }

        // The CLI says so too, and the client waits for the attestation.
        try Data(bundles[2].encoded()).write(to: setup.space.directory.appendingPathComponent("attested.zkr"))
        let verified = try setup.space.expectSuccess(["verify", "attested.zkr", "--genesis", "chain/genesis.json"])
        #expect(verified.text.contains("attested: logged by the model's owner in block"))
        try Data(swapped.encoded()).write(to: setup.space.directory.appendingPathComponent("swapped.zkr"))
        #expect(try setup.space.run(["verify", "swapped.zkr", "--genesis", "chain/genesis.json"]).status == 1)
        let client = try setup.space.run(["client", "predict", serve.url, "--model", setup.modelID, "--input", "one.json", "--attested",
                                          "--genesis", "chain/genesis.json", "--json"])
        #expect(client.status == 0, "\(client)")
        #expect((client.json()["attested_height"] as? Int ?? 0) >= 2)
        let metrics = try await serve.get("/metrics").text
        #expect(metrics.contains("zkinfer_jobs_total{event=\"attested\"} 10"), "\(metrics)")
    }

    @Test("a job over --job-timeout fails as timed out, and the service goes on")
    func jobTimeout() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve(["--job-timeout", "0.000001"])
        defer { serve.stop() }
        let answer = try await serve.post("/v1/models/\(setup.modelID)/predictions?wait=true", try setup.sampleJSON)
        #expect(answer.status == 500 && answer.json?["error"] as? String == "failed", "\(answer.text)")
        #expect((answer.json?["detail"] as? String)?.contains("timed out") == true, "\(answer.text)")
        #expect(try await serve.get("/metrics").text.contains("zkinfer_jobs_total{event=\"timed_out\"} 1"))
        #expect(try await serve.get("/healthz").status == 200)
    }

    /// The peak resident set the service may reach under the load test: the digits model's
    /// prover state and a few workers' working sets are tens of MB (measured: under 100 MB).
    static let peakResidentBound = 512 << 20

    @Test("load: 500 predictions from 32 concurrent clients, queue depth 16 — every request 2xx or 429, every bundle verifies")
    func load() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve(["--queue-depth", "16"])
        defer { serve.stop() }
        let result = try setup.space.run(["client", "load", serve.url, "--model", setup.modelID, "--input", Workspace.testSet,
                                          "--requests", "500", "--concurrency", "32", "--genesis", "chain/genesis.json", "--json"])
        #expect(result.status == 0, "\(result)")
        let report = result.json()
        let proven = try #require(report["proven"] as? Int)
        #expect(proven >= 16)
        #expect(proven + (report["queue_full"] as? Int ?? -1) == 500)
        #expect(report["failed"] as? Int == 0)
        #expect(report["verified"] as? Int == proven)
        #expect(report["verification_failures"] as? Int == 0)
        let peak = try #require(serve.peakResidentBytes)
        #expect(peak < Self.peakResidentBound, "peak RSS \(peak >> 20) MiB")
    }

    @Test("SIGTERM drains: new predictions are refused with 503, queued ones are proven, then the process exits 0")
    func gracefulDrain() async throws {
        let setup = try Setup()
        defer { setup.space.remove() }
        let serve = try setup.serve(["--workers", "1", "--queue-depth", "16"])
        defer { serve.stop() }
        let predictions = "/v1/models/\(setup.modelID)/predictions"
        for _ in 0..<12 { #expect(try await serve.post(predictions, try setup.sampleJSON).status == 202) }
        serve.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(50))
        // Still draining (12 proofs on one worker take longer than this), unless the machine is
        // so slow that the server already closed: then the connection fails, which is fine too.
        if let ready = try? await serve.get("/readyz") {
            #expect(ready.status == 503)
        }
        if let refused = try? await serve.post(predictions, try setup.sampleJSON) {
            #expect(refused.status == 503 && refused.json?["error"] as? String == "unavailable", "\(refused.text)")
        }
        #expect(serve.waitForExit(timeout: 120) == 0)
        #expect(serve.output.contains("drained and stopped: 12 predictions proven, 0 failed"), "\(serve.output)")
    }
}
