import Foundation
import Testing
import ZKChain
import ZKProof
import ZKServer

/// The chain explorer on a real in-process node: every page renders what the chain holds,
/// escapes what owners wrote, answers 400/404 pages for bad or unknown parameters, and
/// never traps on hostile query strings.
@Suite("Explorer") struct ExplorerTests {
    static let hostileName = #"<script>alert(1)</script> & "quotes" 'apostrophes'"#
    /// A quote followed by a combining mark is one `Character`: an escaper that looks
    /// characters up in a table lets it through and the attribute ends there.
    static let combiningQuoteName = "x\"\u{301} onmouseover=\"alert(2)"

    /// A node holding a hostile-named model (revoked), two more models, a dataset with a
    /// hostile name, and attestations.
    static func populatedNode() async throws -> (NodeServer, Genesis) {
        let genesis = makeGenesis(validators: 1, threshold: 1, name: "explorer <b>test</b> & co")
        let server = try await startNode(genesis: genesis, validator: 0)
        let owner = testKey(0x61)
        var nonce: UInt64 = 0
        func submit(_ body: TransactionBody) async throws {
            nonce += 1
            _ = try await server.client.submit(Transaction.signed(body: body, nonce: nonce, chainID: genesis.hash, key: owner))
        }
        try await submit(.registerModel(ModelRegistration(
            modelID: modelID("hostile"), circuitDigest: testDigest("circuit hostile"), weightsCommitment: testDigest("weights hostile"),
            name: hostileName, version: "<v1>", metadata: ["<key>": "<img src=x onerror=alert(3)>"])))
        try await submit(.registerModel(ModelRegistration(
            modelID: modelID("combining"), circuitDigest: testDigest("circuit combining"), weightsCommitment: testDigest("weights combining"),
            name: combiningQuoteName, version: "1")))
        try await submit(registration("plain"))
        try await submit(.registerDataset(merkleRoot: testDigest("dataset"), size: 1_000, name: "<i>digits</i> & more"))
        for index in 0..<3 {
            try await submit(.attestInference(modelID: modelID("plain"), inputDigest: testDigest("in \(index)"),
                                              outputDigest: testDigest("out \(index)"), proofDigest: testDigest("proof \(index)")))
        }
        try await submit(.revokeModel(modelID: modelID("hostile")))
        return (server, genesis)
    }

    static func page(_ server: NodeServer, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> RawResponse {
        let answer = try await rawRequest(server.url, "GET", path)
        #expect(answer.header("Content-Type") == "text/html; charset=utf-8", "\(path)", sourceLocation: sourceLocation)
        #expect(answer.header("Content-Security-Policy")?.contains("default-src 'none'") == true, "\(path)", sourceLocation: sourceLocation)
        #expect(answer.header("X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
        #expect(answer.text.hasPrefix("<!DOCTYPE html>"), "\(path)", sourceLocation: sourceLocation)
        #expect(answer.text.hasSuffix("</html>\n"), "\(path)", sourceLocation: sourceLocation)
        return answer
    }

    /// No page contains markup from chain data: every `<` it holds opens one of the
    /// templates' own elements, whose attributes are the templates' own.
    static func expectOnlyTemplateMarkup(_ html: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let allowedTags: Set<String> = ["!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "strong", "a", "main",
                                        "h1", "h2", "p", "table", "tr", "th", "td", "div", "nav", "span", "ul", "li", "code"]
        let allowedAttributes: Set<String> = ["html", "lang", "charset", "name", "content", "href", "rel", "id", "class", "title", "download"]
        var tags = Set<String>()
        var attributes = Set<String>()
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            let name = rest.prefix { $0 != " " && $0 != ">" }
            tags.insert(String(name.hasPrefix("/") ? name.dropFirst() : name))
            // Attributes: name, optionally ="value" (values never hold a raw quote or '>').
            var inside = rest.dropFirst(name.count)
            while let first = inside.first, first != ">" {
                if first == " " || first == "\n" { inside = inside.dropFirst(); continue }
                let attribute = inside.prefix { $0 != "=" && $0 != " " && $0 != ">" }
                attributes.insert(String(attribute))
                inside = inside.dropFirst(attribute.count)
                if inside.first == "=" {
                    inside = inside.dropFirst()
                    if inside.first == "\"" {
                        inside = inside.dropFirst()
                        inside = inside.drop { $0 != "\"" }.dropFirst()
                    }
                }
            }
        }
        #expect(tags.isSubset(of: allowedTags), "\(path): unexpected tags \(tags.subtracting(allowedTags))", sourceLocation: sourceLocation)
        #expect(attributes.isSubset(of: allowedAttributes), "\(path): unexpected attributes \(attributes.subtracting(allowedAttributes))",
                sourceLocation: sourceLocation)
    }

    @Test func everyPageRendersTheChainEscaped() async throws {
        let (server, genesis) = try await Self.populatedNode()
        let escapedName = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apostrophes&#39;"
        let escapedChain = "explorer &lt;b&gt;test&lt;/b&gt; &amp; co"
        let height = server.node.chain.state.tipHeight
        #expect(height == 8)

        let home = try await Self.page(server, "/").text
        #expect(home.contains(escapedChain))
        #expect(home.contains(genesis.hash.hex))
        #expect(home.contains(#"<td id="height">8</td>"#))
        #expect(home.contains(genesis.validators[0].hex))
        #expect(home.contains("1 of 1 validator signatures"))
        #expect(home.contains("proposer"))
        #expect(home.contains("3 models (1 revoked), 1 datasets, 3 attestations, 8 transactions"))
        for height in 1...8 { #expect(home.contains(#"<a href="/blocks/\#(height)">\#(height)</a>"#)) }

        let block = try await Self.page(server, "/blocks/1").text
        #expect(block.contains("RegisterModel"))
        #expect(block.contains(escapedName))
        #expect(block.contains(testKey(0x61).publicKey.hex))
        #expect(block.contains(#"href="/models/\#(modelID("hostile").hex)""#))
        #expect(block.contains("#0"))  // the validator's signature
        #expect(block.contains(#"rel="next" href="/blocks/2""#))
        let attestation = try await Self.page(server, "/blocks/5").text
        #expect(attestation.contains("AttestInference") && attestation.contains(testDigest("proof 0").hex))

        let models = try await Self.page(server, "/models").text
        #expect(models.contains(escapedName))
        #expect(models.contains("revoked at block 8"))
        #expect(models.contains("model-plain"))
        #expect(models.contains("3 models registered"))

        let model = try await Self.page(server, "/models/\(modelID("hostile").hex)").text
        #expect(model.contains(#"<span id="model-name">\#(escapedName)</span>"#))
        #expect(model.contains("&lt;v1&gt;"))
        #expect(model.contains("Metadata “&lt;key&gt;”") && model.contains("&lt;img src=x onerror=alert(3)&gt;"))
        #expect(model.contains("Revoked at"))
        #expect(model.contains(testDigest("circuit hostile").hex) && model.contains(testDigest("weights hostile").hex))
        #expect(model.contains("not on the chain"))
        #expect(model.contains(#"href="/models/\#(modelID("hostile").hex)/receipt""#))
        let plain = try await Self.page(server, "/models/\(modelID("plain").hex)").text
        #expect(plain.contains("<tr><th>Attestations</th><td>3</td></tr>"))
        #expect(plain.contains("not revoked"))

        let datasets = try await Self.page(server, "/datasets").text
        #expect(datasets.contains("&lt;i&gt;digits&lt;/i&gt; &amp; more"))
        #expect(datasets.contains(testDigest("dataset").hex))
        #expect(datasets.contains("3 inference attestations"))
        #expect(datasets.contains("<td>model-plain</td>") || datasets.contains(">model-plain</a>"))

        for (path, html) in [("/", home), ("/blocks/1", block), ("/models", models), ("/models/…", model), ("/datasets", datasets)] {
            Self.expectOnlyTemplateMarkup(html, path)
            #expect(!html.contains("<script"), "\(path)")
        }
        await server.stop()
    }

    @Test func aQuoteWithACombiningMarkStaysInsideItsAttribute() async throws {
        let (server, _) = try await Self.populatedNode()
        let models = try await Self.page(server, "/models").text
        // The name is in the link's title attribute; its quote is escaped as a scalar.
        // (Built outside #expect: the macro cannot quote a literal holding a quote and a
        // combining mark.)
        let mark = "\u{301}"
        let escaped = "title=\"x&quot;" + mark + " onmouseover=&quot;alert(2)\""
        let raw = "\"" + mark + " onmouseover"
        #expect(models.contains(escaped))
        #expect(!models.contains(raw))
        Self.expectOnlyTemplateMarkup(models, "/models")
        await server.stop()
    }

    @Test func escapingCoversMarkupControlAndBidiCharacters() {
        #expect(HTMLEscaping.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("\u{1B}[31mvalid\u{1B}[0m") == "\\u{001B}[31mvalid\\u{001B}[0m")
        #expect(HTMLEscaping.escape("a\rb\nc\td\0e\u{7F}f\u{85}g") == "a\\u{000D}b\\u{000A}c\\u{0009}d\\u{0000}e\\u{007F}f\\u{0085}g")
        #expect(HTMLEscaping.escape("\u{202E}gnp.exe\u{202C}") == "\\u{202E}gnp.exe\\u{202C}")
        #expect(HTMLEscaping.escape("\u{2066}x\u{2069}\u{200F}\u{2028}\u{FEFF}") == "\\u{2066}x\\u{2069}\\u{200F}\\u{2028}\\u{FEFF}")
        let combining = HTMLEscaping.escape("\"" + "\u{301}" + "<" + "\u{338}")
        #expect(combining == "&quot;" + "\u{301}" + "&lt;" + "\u{338}")
        // Printable text, accents and emoji (joiners included) pass unchanged.
        #expect(HTMLEscaping.escape("Café 数字 👩‍💻 model-1.0") == "Café 数字 👩‍💻 model-1.0")
        #expect(HTMLEscaping.escape("") == "")
    }

    @Test func unknownPagesAre404PagesAndBadParameters400Pages() async throws {
        let (server, _) = try await Self.populatedNode()
        let cases: [(String, Int)] = [
            ("/nothing", 404), ("/models/\(testDigest("unknown").hex)", 404), ("/blocks/9", 404), ("/blocks/0", 404),
            ("/blocks/18446744073709551615", 404), ("/blocks/abc", 400), ("/blocks/-1", 400), ("/blocks/1e3", 400),
            ("/blocks/99999999999999999999", 400), ("/models/xyz", 400), ("/models/\(String(repeating: "a", count: 63))", 400),
            ("/models/\(testDigest("unknown").hex)/receipt", 404), ("/models/%3Cscript%3E", 400),
            ("/%3Cscript%3Ealert(1)%3C/script%3E", 404), ("/blocks/1/extra", 404),
        ]
        for (path, status) in cases {
            let answer = try await Self.page(server, path)
            #expect(answer.status == status, "\(path)")
            #expect(answer.text.contains("<h1>\(status) "), "\(path)")
            Self.expectOnlyTemplateMarkup(answer.text, path)
        }
        // The API keeps JSON errors.
        let api = try await rawRequest(server.url, "GET", "/v1/nothing")
        #expect(api.status == 404 && api.header("Content-Type") == "application/json" && api.errorMessage != nil)
        await server.stop()
    }

    @Test func blockPagesAreBoundedAndLinked() async throws {
        let genesis = makeGenesis(validators: 1, threshold: 1)
        let server = try await startNode(genesis: genesis, validator: 0, blockInterval: .milliseconds(1))
        let owner = testKey(0x62)
        for nonce in 1...23 {
            _ = try await server.client.submit(Transaction.signed(body: registration("p\(nonce)"), nonce: UInt64(nonce),
                                                                  chainID: genesis.hash, key: owner))
        }
        #expect(server.node.chain.state.tipHeight == 23)
        func rows(_ html: String) -> [Int] {
            html.components(separatedBy: "<tr><td><a href=\"/blocks/").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        }
        let first = try await Self.page(server, "/").text
        #expect(rows(first) == Array((4...23).reversed()))
        #expect(first.contains(#"href="/?before=4">Older"#) && !first.contains("Newer"))
        let second = try await Self.page(server, "/?before=4").text
        #expect(rows(second) == [3, 2, 1])
        #expect(second.contains(#"href="/">← Newer"#) && !second.contains("Older"))
        #expect(rows(try await Self.page(server, "/?before=12").text) == Array((1...11).reversed()))
        #expect(rows(try await Self.page(server, "/?before=18446744073709551615").text) == rows(first))
        #expect(rows(try await Self.page(server, "/blocks?before=2").text) == [1])
        let empty = try await Self.page(server, "/?before=0")
        #expect(empty.status == 200 && rows(empty.text).isEmpty && empty.text.contains("No blocks on this page"))
        #expect(try await Self.page(server, "/?before=1").text.contains("No blocks on this page"))
        // Model pages: 50 per page.
        let models = try await Self.page(server, "/models").text
        #expect(models.contains("23 models registered") && !models.contains("Older models"))
        let beyond = try await Self.page(server, "/models?page=18446744073709551615")
        #expect(beyond.status == 200 && beyond.text.contains("No models on this page"))
        await server.stop()
    }

    @Test func hostileQueryParametersNeverTrap() async throws {
        let (server, _) = try await Self.populatedNode()
        let values = ["", "-1", "abc", "1e9", "0x10", "18446744073709551616", "99999999999999999999999999", "%00", "%FF%FE",
                      "1%20", "+1", "%3Cscript%3E", "1&before=2", "\u{202E}".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                      String(repeating: "9", count: 4_000)]
        for path in ["/", "/blocks", "/models", "/datasets", "/models/\(modelID("plain").hex)", "/blocks/1"] {
            for name in ["before", "page", "from", "format", "%00"] {
                for value in values {
                    let target = "\(path)?\(name)=\(value)"
                    let answer = try await Self.page(server, target)
                    #expect([200, 400].contains(answer.status), "\(target.prefix(100))")
                    Self.expectOnlyTemplateMarkup(answer.text, target)
                }
            }
        }
        #expect(try await server.client.status().height == 8)
        await server.stop()
    }

    @Test func receiptsDownloadAsFiles() async throws {
        let (server, genesis) = try await Self.populatedNode()
        let id = modelID("plain")
        let download = try await rawRequest(server.url, "GET", "/models/\(id.hex)/receipt")
        #expect(download.status == 200)
        #expect(download.header("Content-Type") == "application/octet-stream")
        #expect(download.header("Content-Disposition") == "attachment; filename=\"model-\(id.hex.prefix(16)).receipt\"")
        let receipt = try ModelReceipt(decoding: [UInt8](download.body))
        #expect(try receipt.verify(genesis: genesis) == server.node.chain.state.models[id])
        // The API gives the same bytes with ?format=binary, hex in JSON by default.
        let binary = try await rawRequest(server.url, "GET", "/v1/models/\(id.hex)/receipt?format=binary")
        #expect(binary.body == download.body && binary.header("Content-Type") == "application/octet-stream")
        let json = try await rawRequest(server.url, "GET", "/v1/models/\(id.hex)/receipt")
        #expect((try? JSONSerialization.jsonObject(with: json.body) as? [String: Any])?["receipt"] as? String == download.body.map { String(format: "%02x", $0) }.joined())
        let bad = try await rawRequest(server.url, "GET", "/v1/models/\(id.hex)/receipt?format=xml")
        #expect(bad.status == 400 && bad.errorMessage != nil)
        // HEAD works on pages too.
        #expect(try await rawRequest(server.url, "HEAD", "/models").status == 200)
        await server.stop()
    }
}
