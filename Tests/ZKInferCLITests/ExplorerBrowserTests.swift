import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import ZKTestSupport

/// The chain explorer in a real browser: a node on loopback holds models registered through the
/// CLI (one named with markup, one revoked), and Debian's headless Chromium loads the status
/// page, a block, the model list, two model pages, the datasets page and a 404. For each page
/// the test checks the DOM Chromium built (the expected text is there; no element and no
/// event-handler attribute came from chain data) and saves a screenshot to
/// `.build/explorer-screenshots/` (or `$ZKINFER_SCREENSHOTS`).
///
/// Skipped when no Chromium is installed, unless `ZKINFER_REQUIRE_BROWSER=1` (set by `.ci/run`,
/// which installs it), where a missing browser fails the test.
@Suite("Explorer in headless Chromium", .serialized) struct ExplorerBrowserTests {
    static let hostileName = #"<script>alert(1)</script> <img src=x onerror=alert(2)> & "quotes""#

    @Test("every explorer page renders its content with chain data as text, and screenshots are saved",
          .enabled(if: HeadlessChromium.path != nil || HeadlessChromium.required))
    func pagesInChromium() throws {
        let chromium = try #require(HeadlessChromium.path.map(HeadlessChromium.init(executable:)),
                                    "ZKINFER_REQUIRE_BROWSER=1 but no chromium on PATH: apt-get install -y chromium")
        let space = try Workspace(chain: false)
        defer { space.remove() }
        try space.expectSuccess(["chain", "init", "--data", "net", "--name", "browser <test> chain", "--validators", "1"])
        try space.expectSuccess(["keygen", "--output", "owner.json"])
        let node = try NodeChild(data: "node", genesis: "net/genesis.json", key: "net/validator-0.json", in: space.directory)
        defer { node.stop() }

        let zoo = Repository.url("Circuits")
        var ids: [String: String] = [:]
        for (label, folder, onnx, name) in [("hostile", "digits_mlp_small", "model.onnx", Self.hostileName),
                                            ("softmax", "digits_mlp_small", "model_softmax.onnx", "digits small (softmax)"),
                                            ("plain", "digits_mlp", "model.onnx", "digits_mlp")] {
            let circuit = zoo.appendingPathComponent(folder)
            try space.expectSuccess(["import", circuit.appendingPathComponent(onnx).path,
                                     "--calibration", circuit.appendingPathComponent("calibration.json").path,
                                     "--output", "\(label).zkm"])
            try space.expectSuccess(["commit", "\(label).zkm", "--output", "\(label).zkpub"])
            let registered = try space.expectSuccess(["register", "\(label).zkpub", "--key", "owner.json", "--node", node.url,
                                                      "--name", name, "--version", "1.\(ids.count)", "--json"]).json()
            ids[label] = registered["model_id"] as? String
        }
        try space.expectSuccess(["revoke", "--model", "softmax.zkpub", "--key", "owner.json", "--node", node.url])

        // A name that would forge lines or colours on a terminal never reaches the chain.
        let cnn = zoo.appendingPathComponent("digits_cnn")
        try space.expectSuccess(["import", cnn.appendingPathComponent("model.onnx").path,
                                 "--calibration", cnn.appendingPathComponent("calibration.json").path, "--output", "other.zkm"])
        try space.expectSuccess(["commit", "other.zkm", "--output", "other.zkpub"])
        let forged = try space.run(["register", "other.zkpub", "--key", "owner.json", "--node", node.url,
                                    "--name", "x\u{1B}[32m receipt valid\r\n"])
        #expect(forged.status == 1, "\(forged)")
        #expect(forged.stderr.contains("U+1B") && !forged.stderr.contains("\u{1B}"), "\(forged)")

        let hostile = try #require(ids["hostile"]), softmax = try #require(ids["softmax"])
        let pages: [(name: String, path: String, height: Int, expected: [String])] = [
            ("status", "/", 1100, ["browser <test> chain", "Chain status", "Latest blocks", "proposer"]),
            ("block-1", "/blocks/1", 1000, ["Block 1", "RegisterModel", Self.hostileName, "Signatures"]),
            ("models", "/models", 800, [Self.hostileName, "digits small (softmax)", "revoked at block", "digits_mlp"]),
            ("model-hostile", "/models/\(hostile)", 1000, [Self.hostileName, hostile, "Registration receipt", "not on the chain"]),
            ("model-revoked", "/models/\(softmax)", 900, ["digits small (softmax)", "Revoked at"]),
            ("datasets", "/datasets", 600, ["Datasets", "Attestations"]),
            ("not-found", "/no/such/page", 400, ["404", "Back to the chain status"]),
        ]
        for page in pages {
            let url = node.url + page.path
            let dom = try chromium.dumpDOM(url)
            #expect(dom.contains("</html>"), "\(page.name): Chromium rendered \(page.path)")
            let text = HeadlessChromium.text(ofDOM: dom)
            for expected in page.expected {
                #expect(text.contains(expected), "\(page.name): shows \(expected.prefix(60))")
            }
            #expect(!dom.lowercased().contains("<script"), "\(page.name): a <script> element in the DOM")
            #expect(!dom.lowercased().contains("<img"), "\(page.name): an <img> element in the DOM")
            #expect(HeadlessChromium.eventHandlerAttributes(inDOM: dom).isEmpty, "\(page.name): event-handler attributes")
            let shot = HeadlessChromium.screenshotDirectory.appendingPathComponent("\(page.name).png")
            try chromium.screenshot(url, to: shot, height: page.height)
            let size = (try? FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
            #expect(size > 1000, "\(page.name): screenshot \(shot.path)")
        }

        // The receipt link downloads the binary receipt, which verifies offline.
        let receiptURL = try #require(URL(string: "\(node.url)/models/\(hostile)/receipt"))
        let (receipt, response) = try HTTPFetch.get(receiptURL)
        #expect(response?.value(forHTTPHeaderField: "Content-Type") == "application/octet-stream")
        #expect(response?.value(forHTTPHeaderField: "Content-Disposition")?.contains("attachment") == true)
        try receipt.write(to: space.directory.appendingPathComponent("downloaded.receipt"))
        let verified = try space.run(["receipt", "verify", "downloaded.receipt", "--genesis", "net/genesis.json"])
        #expect(verified.status == 0, "\(verified)")
    }
}

/// Debian's `chromium` in headless mode, one process per page.
struct HeadlessChromium {
    let executable: String

    /// `$CHROMIUM`, or the first of chromium, chromium-browser, google-chrome on PATH.
    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    static let required = ProcessInfo.processInfo.environment["ZKINFER_REQUIRE_BROWSER"] == "1"

    static let screenshotDirectory: URL = {
        let directory = ProcessInfo.processInfo.environment["ZKINFER_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
            ?? Repository.url(".build/explorer-screenshots")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()

    private func arguments(profile: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
         "--disable-extensions", "--disable-background-networking", "--user-data-dir=\(profile.path)"]
    }

    private func run(_ extra: [String]) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("zkinfer-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments(profile: profile) + extra
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The document Chromium built from `url`, serialised back to HTML.
    func dumpDOM(_ url: String) throws -> String { try run(["--dump-dom", url]) }

    func screenshot(_ url: String, to file: URL, height: Int) throws {
        try? FileManager.default.removeItem(at: file)
        _ = try run(["--screenshot=\(file.path)", "--window-size=1280,\(height)", url])
    }

    /// The text of a serialised DOM: tags dropped, the entities a serialiser writes decoded.
    /// Text nodes are serialised with `<`, `>` and `&` escaped, so every `<` left is a tag.
    static func text(ofDOM dom: String) -> String {
        let withoutTags = dom.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return withoutTags.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Attribute names starting with "on" inside real tags of a serialised DOM.
    static func eventHandlerAttributes(inDOM dom: String) -> [String] {
        // A serialiser writes every attribute value in double quotes (a quote inside as &quot;),
        // so a tag runs to the first '>' outside quotes, and quoted values are dropped before
        // looking for attribute names: a name held in a title="…" is not an attribute.
        guard let tag = try? NSRegularExpression(pattern: #"<[a-zA-Z](?:[^>"]|"[^"]*")*>"#),
              let handler = try? NSRegularExpression(pattern: #"\s(on[a-zA-Z]+)\s*="#) else { return ["(regex)"] }
        var found: [String] = []
        let whole = NSRange(dom.startIndex..., in: dom)
        for match in tag.matches(in: dom, range: whole) {
            guard let range = Range(match.range, in: dom) else { continue }
            let element = String(dom[range]).replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
            for attribute in handler.matches(in: element, range: NSRange(element.startIndex..., in: element)) {
                if let name = Range(attribute.range(at: 1), in: element) { found.append(String(element[name])) }
            }
        }
        return found
    }
}

/// A blocking HTTP GET for tests.
enum HTTPFetch {
    static func get(_ url: URL) throws -> (Data, HTTPURLResponse?) {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, (any Error)?) = (nil, nil, nil)
        URLSession.shared.dataTask(with: url) { data, response, error in
            result = (data, response, error)
            semaphore.signal()
        }.resume()
        semaphore.wait()
        if let error = result.2 { throw error }
        return (result.0 ?? Data(), result.1 as? HTTPURLResponse)
    }
}
