import Foundation
import ZKChain

/// The blocks this validator co-signed, kept on disk so that a restarted co-signer still refuses
/// a second, different block at a height it signed (no equivocation across restarts).
///
/// An append-only file of records `height (u64 LE) ‖ length (u32 LE) ‖ block bytes`, synced to disk
/// before the signature is handed out. Loading stops at a torn or unreadable tail (a crash while
/// appending): the signature of that record was never given out.
final class CosignedProposalLog {
    let path: String
    private let handle: FileHandle

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

    /// Every intact record, by height (the last one wins).
    func load() -> [UInt64: Block] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return [:] }
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
        // Drop a torn tail so the next append starts on a record boundary.
        if offset < bytes.count {
            try? handle.truncate(atOffset: UInt64(offset))
        }
        return records
    }

    /// Appends `block` and syncs the file; the caller signs only after this returns.
    func append(_ block: Block) throws {
        let encoded = block.encoded()
        var record = [UInt8]()
        record.reserveCapacity(12 + encoded.count)
        for shift in stride(from: 0, to: 64, by: 8) { record.append(UInt8(truncatingIfNeeded: block.height >> UInt64(shift))) }
        for shift in stride(from: 0, to: 32, by: 8) { record.append(UInt8(truncatingIfNeeded: UInt32(encoded.count) >> UInt32(shift))) }
        record += encoded
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(record))
        try handle.synchronize()
    }
}
