import Foundation
import Testing
import ZKChain
import ZKProof
import ZKServer

/// Safety across restarts: no validator, the proposer included, ever signs two different blocks
/// at one height, so no two conflicting blocks can both carry a quorum (2t > n).
@Suite("No equivocation after a restart", .serialized) struct EquivocationTests {
    /// The proposer P (validator 0) is SIGKILLed after co-signer A (validator 1) signed its block
    /// at height 1 but before P appended it; P's requests to B (validator 2) are refused meanwhile
    /// by a second proxy, so B never sees that block (a paused B would sign it later from its
    /// socket buffer, and P would then adopt it from B's refusal, hiding the defect). Then A is
    /// paused, B reachable, P restarted, and a new transaction submitted. Before the fix, P
    /// proposed a different block at height 1 with the new transaction and B signed it: two
    /// blocks at height 1, each with a valid 2-of-3 quorum. Now P finishes its recorded proposal.
    @Test("a proposer killed after a co-signer signed finishes that block after its restart",
          .enabled(if: NodeProcess.binary != nil))
    func restartedProposerFinishesItsProposal() async throws {
        guard let binary = NodeProcess.binary else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-equivocation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let genesis = makeGenesis(threshold: 2, name: "equivocation")
        let genesisPath = directory.appendingPathComponent("genesis.json").path
        try genesis.json().write(to: URL(fileURLWithPath: genesisPath))
        let keyPaths = try (0..<3).map { index in
            let path = directory.appendingPathComponent("validator-\(index).json").path
            try writeKeyFile(validatorKeys[index], to: path)
            return path
        }
        func arguments(_ name: String, key: Int, listen: String, _ extra: [String]) -> [String] {
            ["node", "start", "--data", directory.appendingPathComponent(name).path, "--genesis", genesisPath,
             "--key", keyPaths[key], "--listen", listen, "--block-interval", "50"] + extra
        }
        func log(_ name: String) -> String { directory.appendingPathComponent("\(name).log").path }

        let proposerPort = fixedPort()
        let proposerURL = "http://127.0.0.1:\(proposerPort)"
        let a = try await NodeProcess(binary: binary, arguments: arguments("a", key: 1, listen: "127.0.0.1:0", ["--follow", proposerURL]),
                                      logPath: log("a"))
        let b = try await NodeProcess(binary: binary, arguments: arguments("b", key: 2, listen: "127.0.0.1:0", ["--follow", proposerURL]),
                                      logPath: log("b"))
        let proxy = try await SigningProxy.start(cosigner: a.url, mode: .forwardAndHold)
        let proxyB = try await SigningProxy.start(cosigner: b.url, mode: .refuse)
        let proposerArguments = arguments("p", key: 0, listen: "127.0.0.1:\(proposerPort)",
                                          ["--peer", proxy.url.absoluteString, "--peer", proxyB.url.absoluteString])
        var processes = [a, b]
        defer {
            for process in processes { process.resume(); process.terminate() }
        }

        // Phase 1: B unreachable for P, A's signature kept from P by the proxy; P is killed once A signed.
        let proposer = try await NodeProcess(binary: binary, arguments: proposerArguments, logPath: log("p-1"))
        processes.append(proposer)
        let first = Transaction.signed(body: registration("equivocation first"), nonce: 1, chainID: genesis.hash, key: numberedKey(1))
        let unacknowledged = Task { try? await NodeClient(baseURL: proposer.url, timeout: 30).submit(first) }
        try await eventually("co-signer A signs block 1", timeout: .seconds(20)) { !proxy.signed.isEmpty }
        let signedByA = try #require(proxy.signed.first)
        #expect(signedByA.block.height == 1)
        #expect(try await NodeClient(baseURL: proposer.url).status().height == 0, "P appended block 1 before the kill")
        proposer.kill()
        _ = await unacknowledged.value

        // The quorum A completed: P's signature and A's over block 1.
        var certified = signedByA.block
        certified.signatures.append(signedByA.signature)
        certified.signatures.sort { $0.validatorIndex < $1.validatorIndex }
        #expect(throws: Never.self) { try genesis.checkQuorum(certified.signatures, headerHash: certified.hash) }

        // Phase 2: A paused (its proxy refuses as A would by timing out), B reachable, P restarted.
        #expect(proxyB.signed.isEmpty, "B signed block 1 in phase 1")
        a.pause()
        proxy.set(.refuse)
        proxyB.set(.forward)
        let restarted = try await retryingWhileAddressInUse {
            try await NodeProcess(binary: binary, arguments: proposerArguments, logPath: log("p-2"))
        }
        processes.append(restarted)
        let client = NodeClient(baseURL: restarted.url, timeout: 30)
        let second = Transaction.signed(body: registration("equivocation second"), nonce: 1, chainID: genesis.hash, key: numberedKey(2))
        let (_, height) = try await client.submit(second)

        // P finished the block A signed: height 1 is that block, the new transaction comes after.
        #expect(height == 2)
        let held = try await client.block(at: 1)
        #expect(held.hash == certified.hash, "P signed a second, different block at height 1")
        #expect(held.transactions.map(\.id) == [first.id])
        let bClient = NodeClient(baseURL: b.url)
        try await eventually("B at height 2") { (try? await bClient.status().height) ?? 0 >= 2 }
        #expect(try await bClient.block(at: 1).hash == certified.hash)

        // A resumes and follows without conflict; a fresh follower agrees on every block.
        a.resume()
        let aClient = NodeClient(baseURL: a.url)
        try await eventually("A at height 2") { (try? await aClient.status().height) ?? 0 >= 2 }
        #expect(try await aClient.block(at: 1).hash == certified.hash)
        let fresh = try await startNode(genesis: genesis, follow: restarted.url)
        try await eventually("a fresh follower at height 2") { fresh.node.chain.state.tipHeight >= 2 }
        #expect(try blockHashes(fresh.node.chain) == [certified.hash, try await client.block(at: 2).hash])
        await fresh.stop()
        await proxy.stop()
        await proxyB.stop()
    }
}

extension NodeProcess {
    /// SIGSTOP: the process keeps its sockets but answers nothing.
    func pause() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGSTOP)
    }

    /// SIGCONT after `pause()`.
    func resume() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGCONT)
    }
}
