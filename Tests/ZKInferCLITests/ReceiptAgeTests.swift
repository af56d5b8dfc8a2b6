import Foundation
import Testing

/// Defect 5: a receipt's status is dated by its latest header, and --max-age refuses old ones.
@Suite("Receipt dates and --max-age") struct ReceiptAgeTests {
    @Test("receipt verify prints 'as of block N (time T)'; --max-age fails an older receipt, here and in verify --receipt")
    func dated() throws {
        let space = try Workspace()
        defer { space.remove() }
        try space.writeSamples("one.json", count: 1)
        try space.expectSuccess(["prove", "m.zkm", "--input", "one.json", "--output", "p.zkp"])
        try space.expectSuccess(["register", "m.zkpub", "--key", "alice.json", "--data", "chain"])
        try space.expectSuccess(["receipt", "get", "--model", "m.zkpub", "--data", "chain", "--output", "m.receipt"])

        let checked = try space.run(["receipt", "verify", "m.receipt", "--genesis", "chain/genesis.json"])
        #expect(checked.status == 0, "\(checked)")
        let pattern = #/as of block 1 \(time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\)/#
        #expect(checked.text.contains(pattern), "\(checked)")
        let json = try space.run(["receipt", "verify", "m.receipt", "--genesis", "chain/genesis.json", "--json"]).json()
        #expect(json["as_of_height"] as? Int == 1)
        #expect((json["as_of_time"] as? String)?.hasSuffix("Z") == true)

        Thread.sleep(forTimeInterval: 1.2)
        let fresh = try space.run(["receipt", "verify", "m.receipt", "--genesis", "chain/genesis.json", "--max-age", "1h"])
        #expect(fresh.status == 0, "\(fresh)")
        let stale = try space.run(["receipt", "verify", "m.receipt", "--genesis", "chain/genesis.json", "--max-age", "1s"])
        #expect(stale.status == 1 && stale.stderr.contains("--max-age 1s"), "\(stale)")
        let verifyBase = ["verify", "p.zkp", "--model", "m.zkpub", "--receipt", "m.receipt", "--genesis", "chain/genesis.json"]
        let verifyFresh = try space.run(verifyBase + ["--max-age", "7d"])
        #expect(verifyFresh.status == 0 && verifyFresh.text.contains("as of block 1 (time "), "\(verifyFresh)")
        let verifyStale = try space.run(verifyBase + ["--max-age", "1s"])
        #expect(verifyStale.status == 1 && verifyStale.stderr.contains("receipt too old"), "\(verifyStale)")
        for bad in ["1", "s", "-5m", "1.5h", "3w"] {
            #expect(try space.run(verifyBase + ["--max-age", bad]).status == 2, "--max-age \(bad)")
        }
    }
}
