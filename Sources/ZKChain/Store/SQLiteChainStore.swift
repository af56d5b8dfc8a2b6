import Foundation
import GRDB
import ZKProof

/// The default store of the CLI and of nodes: SQLite through GRDB in WAL mode with
/// `synchronous = FULL`, so a block is durable once `append` returns. A block, its transactions
/// and its effects on the model registry are written in one SQLite transaction: all or nothing,
/// even if the process is killed mid-write.
///
/// The block bytes are the source of truth (the chain re-validates them after its latest
/// checkpoint on load); the other tables are indexes for lookups by transaction ID, sender or
/// model ID, and the checkpoint table holds the state after a recent block.
///
/// Several processes may open one database (CLI writers one after another, readers beside a
/// node): a writer waiting for another's lock retries for `busyTimeout` before giving up, and
/// writes take the write lock when their transaction begins (`BEGIN IMMEDIATE`), so a reader
/// turned writer never meets a stale snapshot, which SQLite would fail at once.
public final class SQLiteChainStore: ChainStore {
    let pool: DatabasePool
    let path: String
    public static let busyTimeout: Double = 30

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws(ChainStoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .io("cannot open \(path): \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "block") { t in
                t.primaryKey("height", .integer)
                t.column("hash", .blob).notNull().unique()
                t.column("previous_hash", .blob).notNull()
                t.column("timestamp_ms", .integer).notNull()
                t.column("transaction_count", .integer).notNull()
                t.column("bytes", .blob).notNull()
            }
            try db.create(table: "chain_transaction") { t in
                t.primaryKey("id", .blob)
                t.column("height", .integer).notNull().indexed().references("block", column: "height")
                t.column("position", .integer).notNull()
                t.column("sender", .blob).notNull()
                t.column("nonce", .integer).notNull()
                t.column("kind", .text).notNull()
                t.uniqueKey(["sender", "nonce"])
            }
            try db.create(table: "model") { t in
                t.primaryKey("model_id", .blob)
                t.column("owner", .blob).notNull()
                t.column("name", .text).notNull()
                t.column("version", .text).notNull()
                t.column("registered_at", .integer).notNull()
                t.column("revoked_at", .integer)
            }
        }
        migrator.registerMigration("v2-checkpoints") { db in
            try db.create(table: "checkpoint") { t in
                t.primaryKey("height", .integer)
                t.column("block_hash", .blob).notNull()
                t.column("state", .blob).notNull()
            }
        }
        return migrator
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, mapping SQLite's errors (a lock held
    /// past the busy timeout included) to `ChainStoreError`.
    private func write(_ what: String, _ body: @escaping (Database) throws -> Void) throws(ChainStoreError) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
            }
        } catch let error as ChainStoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw .io("\(what): the database \(path) stayed locked by another process for \(Int(Self.busyTimeout)) s")
        } catch {
            throw .io("\(what): \(error)")
        }
    }

    public func append(_ block: Block) throws(ChainStoreError) {
        try write("appending block \(block.header.height)") { db in
            let tip = try Int64.fetchOne(db, sql: "SELECT MAX(height) FROM block") ?? 0
            guard UInt64(tip) + 1 == block.header.height else {
                throw ChainStoreError.conflict(height: block.header.height)
            }
            let height = Int64(block.header.height)
            try db.execute(
                sql: "INSERT INTO block (height, hash, previous_hash, timestamp_ms, transaction_count, bytes) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [height, Data(block.header.hash.bytes), Data(block.header.previousHash.bytes),
                            Int64(block.header.timestamp), block.transactions.count, Data(block.encoded())])
            for (position, transaction) in block.transactions.enumerated() {
                try db.execute(
                    sql: "INSERT INTO chain_transaction (id, height, position, sender, nonce, kind) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [Data(transaction.id.bytes), height, position, Data(transaction.sender.bytes),
                                Int64(bitPattern: transaction.nonce), transaction.body.kind])
                switch transaction.body {
                case let .registerModel(registration):
                    try db.execute(
                        sql: "INSERT INTO model (model_id, owner, name, version, registered_at) VALUES (?, ?, ?, ?, ?)",
                        arguments: [Data(registration.modelID.bytes), Data(transaction.sender.bytes),
                                    registration.name, registration.version, height])
                case let .revokeModel(modelID):
                    try db.execute(sql: "UPDATE model SET revoked_at = ? WHERE model_id = ?",
                                   arguments: [height, Data(modelID.bytes)])
                default:
                    break
                }
            }
        }
    }

    /// Keeps `checkpoint` and the one before it (a spare, should the newest prove unusable).
    public func saveCheckpoint(_ checkpoint: ChainCheckpoint) throws(ChainStoreError) {
        try write("saving the checkpoint at \(checkpoint.height)") { db in
            try db.execute(sql: "INSERT OR REPLACE INTO checkpoint (height, block_hash, state) VALUES (?, ?, ?)",
                           arguments: [Int64(checkpoint.height), Data(checkpoint.blockHash.bytes), Data(checkpoint.state)])
            try db.execute(sql: "DELETE FROM checkpoint WHERE height NOT IN (SELECT height FROM checkpoint ORDER BY height DESC LIMIT 2)")
        }
    }

    public func latestCheckpoint() throws(ChainStoreError) -> ChainCheckpoint? {
        let row: Row?
        do {
            row = try pool.read { db in try Row.fetchOne(db, sql: "SELECT height, block_hash, state FROM checkpoint ORDER BY height DESC LIMIT 1") }
        } catch {
            throw .io("reading the checkpoint: \(error)")
        }
        guard let row else { return nil }
        let height: Int64 = row["height"]
        let hash: Data = row["block_hash"]
        let state: Data = row["state"]
        guard height >= 1, hash.count == Digest.byteCount else { throw .corrupt("checkpoint at \(height) is malformed") }
        return ChainCheckpoint(height: UInt64(height), blockHash: Digest(bytes: [UInt8](hash)), state: [UInt8](state))
    }

    public func block(at height: UInt64) throws(ChainStoreError) -> Block? {
        let bytes: Data?
        do {
            bytes = try pool.read { db in
                try Data.fetchOne(db, sql: "SELECT bytes FROM block WHERE height = ?", arguments: [Int64(bitPattern: height)])
            }
        } catch {
            throw .io("reading block \(height): \(error)")
        }
        guard let bytes else { return nil }
        do { return try Block(decoding: Array(bytes)) } catch { throw .corrupt("block \(height): \(error)") }
    }

    public func tipHeight() throws(ChainStoreError) -> UInt64 {
        do {
            return UInt64(try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(height) FROM block") } ?? 0)
        } catch {
            throw .io("reading the tip: \(error)")
        }
    }
}

