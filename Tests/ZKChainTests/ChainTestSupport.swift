import Foundation
import Testing
import ZKChain
import ZKProof

// Shared fixtures of the chain tests: deterministic keys, a 2-of-3 genesis, a test chain that
// proposes and signs blocks, digests from labels and error helpers. The seeded generator and
// `caseName` come from ZKTestSupport.

/// A key whose seed is 32 copies of `byte`: deterministic, distinct per byte.
func testKey(_ byte: UInt8) -> SigningKey {
    guard let key = SigningKey(seed: [UInt8](repeating: byte, count: 32)) else {
        fatalError("OpenSSL refused a test seed")
    }
    return key
}

/// A digest standing for something named `label` (a model, an input, a dataset).
func testDigest(_ label: String) -> Digest { SHA256.hash(Array(label.utf8)) }

let genesisTimestamp: UInt64 = 1_700_000_000_000
/// The clock the tests validate against: well after every block they build.
let testNow: UInt64 = genesisTimestamp + 3_600_000

/// Validators 0, 1 and 2 of a 2-of-3 genesis, in genesis index order.
let validatorKeys: [SigningKey] = [testKey(0xA1), testKey(0xA2), testKey(0xA3)]
    .sorted { $0.publicKey < $1.publicKey }

func makeGenesis(threshold: Int = 2, name: String = "zkinfer-test") -> Genesis {
    do {
        return try Genesis(chainName: name, timestamp: genesisTimestamp,
                           validators: validatorKeys.map(\.publicKey), threshold: threshold)
    } catch {
        fatalError("test genesis rejected: \(error)")
    }
}

let alice = testKey(0x01)
let bob = testKey(0x02)
let carol = testKey(0x03)

func registration(_ label: String, metadata: [String: String] = ["license": "MIT"]) -> ModelRegistration {
    ModelRegistration(modelID: testDigest("model " + label), circuitDigest: testDigest("circuit " + label),
                      weightsCommitment: testDigest("weights " + label), name: "model-\(label)",
                      version: "1.0", metadata: metadata)
}

/// A state plus the means to build signed blocks on it and to sign transactions with the
/// right nonces.
struct TestChain {
    let genesis: Genesis
    var state: ChainState
    var nonces: [PublicKey: UInt64] = [:]
    var clock: UInt64 = genesisTimestamp

    init(threshold: Int = 2) {
        genesis = makeGenesis(threshold: threshold)
        state = ChainState(genesis: genesis)
    }

    var chainID: Digest { genesis.hash }

    /// A transaction from `key` with its next nonce (tracked here, so several can be built
    /// before a block).
    mutating func transaction(_ body: TransactionBody, from key: SigningKey) -> Transaction {
        let nonce = nonces[key.publicKey] ?? 1
        nonces[key.publicKey] = nonce + 1
        return Transaction.signed(body: body, nonce: nonce, chainID: chainID, key: key)
    }

    /// The next block with `transactions`, signed by `signers`, one second after the last.
    mutating func block(_ transactions: [Transaction], signers: [Int] = [0, 1]) throws -> Block {
        clock += 1000
        var block = try state.proposeBlock(transactions: transactions, timestamp: clock)
        for index in signers { block = block.signed(by: validatorKeys[index], index: index) }
        return block
    }

    /// Builds, signs and applies the next block.
    @discardableResult
    mutating func append(_ transactions: [Transaction]) throws -> Block {
        let block = try block(transactions)
        try state.apply(block, now: testNow)
        return block
    }
}

/// `block` with a changed header, re-signed by `signers` so only the change is wrong.
func resigned(_ block: Block, signers: [Int] = [0, 1], change: (inout BlockHeader) -> Void) -> Block {
    var header = block.header
    change(&header)
    var result = Block(header: header, signatures: [], transactions: block.transactions)
    for index in signers { result = result.signed(by: validatorKeys[index], index: index) }
    return result
}

/// The `E` that `body` throws, nil when it returns. Any other error is recorded as an issue
/// (closures throw untyped errors, so the type is checked here).
func thrown<E: Error>(_ type: E.Type, sourceLocation: SourceLocation, _ body: () throws -> Void) -> E? {
    do {
        try body()
        return nil
    } catch let error as E {
        return error
    } catch {
        Issue.record("expected a \(E.self), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

func validationError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> ChainValidationError? {
    thrown(ChainValidationError.self, sourceLocation: sourceLocation, body)
}

func receiptError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> ReceiptError? {
    thrown(ReceiptError.self, sourceLocation: sourceLocation, body)
}

func decodingError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> ChainDecodingError? {
    thrown(ChainDecodingError.self, sourceLocation: sourceLocation, body)
}
