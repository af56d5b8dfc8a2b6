import Foundation

/// The first line `zkinfer node start` prints, `listening on <URL>`: how a test learns the
/// address of a node it started on port 0.
public struct ListeningLine: Sendable {
    /// The first line of output, nil when the output ended before one.
    public var line: String?

    /// Blocks until the first newline (or the end) of `reader`'s output. Call it off the
    /// cooperative thread pool (e.g. on a dispatch queue) from async code.
    public init(readingFrom reader: FileHandle) {
        var text = ""
        while !text.contains("\n") {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        line = text.split(separator: "\n").first.map(String.init)
    }

    /// The URL after `listening on `, nil when the line is anything else.
    public var url: URL? {
        let prefix = "listening on "
        guard let line, line.hasPrefix(prefix) else { return nil }
        return URL(string: String(line.dropFirst(prefix.count)))
    }
}
