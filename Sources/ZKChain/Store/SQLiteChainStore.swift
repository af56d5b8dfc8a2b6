import Foundation
import GRDB
import ZKProof

/// The embedded default store (DESIGN §7): SQLite through GRDB in WAL mode with
/// `synchronous = FULL`, so a block is durable once `append` returns. A block, its transactions
/// and its effects on the model registry are written in one SQLite transaction: all or nothing,
/// even if the process is killed mid-write.
///
/// The block bytes are the source of truth (the chain re-validates them on load); the other tables
/// are indexes for lookups by transaction ID, sender or model ID.
public final class SQLiteChainStore: ChainStore {
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws(ChainStoreError) {
        var configuration = Configuration()
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
        return migrator
    }

    public func append(_ block: Block) throws(ChainStoreError) {
        do {
            try pool.write { db in
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
        } catch let error as ChainStoreError {
            throw error
        } catch {
            throw .io("appending block \(block.header.height): \(error)")
        }
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

