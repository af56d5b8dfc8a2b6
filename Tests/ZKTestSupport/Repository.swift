import Foundation

/// Files of the repository, found by walking up from this source file to the directory that holds
/// `Package.swift`. No SwiftPM resources are involved, so the tests read the committed files
/// (`Vectors/`, `Circuits/`, `Tests/Fixtures/`) wherever the build directory is.
public enum Repository {
    /// The package root: the nearest directory above this file with a `Package.swift`.
    public static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// `relativePath` (e.g. `"Vectors/merkle.json"`) below the root.
    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The bytes of the file at `relativePath`.
    public static func bytes(_ relativePath: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relativePath))) }

    /// The file at `relativePath` decoded as JSON by a default `JSONDecoder`.
    public static func json<T: Decodable>(_ relativePath: String, as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(relativePath)))
    }
}
