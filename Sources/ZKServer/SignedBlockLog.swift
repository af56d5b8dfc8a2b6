import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ZKChain

/// Every block this validator signed above its chain's tip, as proposer or as co-signer, kept on
/// disk so that a restarted validator still refuses to sign a second, different block at a
/// height it signed (no equivocation across restarts), and a restarted proposer finishes the
/// block it proposed instead of proposing another.
///
/// An append-only file of records `height (u64 LE) ‖ length (u32 LE) ‖ block bytes`, synced to disk
/// before the signature is handed out. Loading stops at a torn or unreadable tail (a crash while
/// appending): the signature of that record was never given out. Records at or below the tip
/// are useless once the chain holds a block there, so the file is rewritten without them when it
/// is opened and every `compactionInterval` appends: its size, and the time to load it, stay
/// bounded by the few heights above the tip, however long the chain.
final class SignedBlockLog {
    let path: String
    private var handle: FileHandle
    private var appendsSinceCompaction = 0
    static let compactionInterval = 256

    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw NodeConfigurationError.unusableDataFile(path)
            }
        }
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    }

    deinit { try? handle.close() }

    /// Every intact record above `tip`, by height (the last one at a height wins); rewrites
    /// the file to hold just those.
    func load(above tip: UInt64) throws -> [UInt64: Block] {
        let records = Self.records(in: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).filter { $0.key > tip }
        try rewrite(records.values.sorted { $0.height < $1.height })
        return records
    }

    /// Appends `block` and syncs the file; the caller signs only after this returns. Every
    /// `compactionInterval` appends, drops the records at or below `tip` first.
    func append(_ block: Block, tip: UInt64) throws {
        appendsSinceCompaction += 1
        if appendsSinceCompaction >= Self.compactionInterval {
            appendsSinceCompaction = 0
            let kept = Self.records(in: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()).filter { $0.key > tip }
            try rewrite(kept.values.sorted { $0.height < $1.height })
        }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.record(block)))
        try handle.synchronize()
    }

    private static func record(_ block: Block) -> [UInt8] {
        let encoded = block.encoded()
        var record = [UInt8]()
        record.reserveCapacity(12 + encoded.count)
        for shift in stride(from: 0, to: 64, by: 8) { record.append(UInt8(truncatingIfNeeded: block.height >> UInt64(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { record.append(UInt8(truncatingIfNeeded: UInt32(encoded.count) >> UInt32(shift))) }
        return record + encoded
    }

    /// The intact records of `data`, stopping at the first torn or unreadable one.
    private static func records(in data: Data) -> [UInt64: Block] {
        let bytes = [UInt8](data)
        var records = [UInt64: Block]()
        var offset = 0
        while bytes.count - offset >= 12 {
            let height = bytes[offset..<(offset + 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            let length = Int(bytes[(offset + 8)..<(offset + 12)].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) })
            let start = offset + 12
            guard length <= bytes.count - start, let block = try? Block(decoding: Array(bytes[start..<(start + length)])),
                  block.height == height else { break }
            records[height] = block
            offset = start + length
        }
        return records
    }

    /// Replaces the file by one holding `blocks`: written beside it, synced, renamed over it and
    /// the directory synced, so a crash leaves either the old file or the new one.
    private func rewrite(_ blocks: [Block]) throws {
        let temporary = path + ".new"
        let contents = Data(blocks.flatMap(Self.record))
        guard FileManager.default.createFile(atPath: temporary, contents: contents) else {
            throw NodeConfigurationError.unusableDataFile(temporary)
        }
        let written = try FileHandle(forUpdating: URL(fileURLWithPath: temporary))
        try written.synchronize()
        try written.close()
        guard rename(temporary, path) == 0 else { throw NodeConfigurationError.unusableDataFile(path) }
        let directory = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY)
        if directory >= 0 {
            _ = fsync(directory)
            _ = close(directory)
        }
        try? handle.close()
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    }
}
