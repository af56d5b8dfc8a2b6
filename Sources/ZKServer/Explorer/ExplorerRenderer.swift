import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders explorer pages: a page template inside the layout, answered as HTML with headers
/// that forbid scripts, framing and MIME sniffing (a second line of defence should any value
/// ever escape the templates' escaping).
struct ExplorerRenderer: Sendable {
    enum Page: Sendable, CaseIterable {
        case home, block, models, model, datasets, error

        var source: String {
            switch self {
            case .home: ExplorerTemplates.home
            case .block: ExplorerTemplates.block
            case .models: ExplorerTemplates.models
            case .model: ExplorerTemplates.model
            case .datasets: ExplorerTemplates.datasets
            case .error: ExplorerTemplates.error
            }
        }
    }

    private let layout: MustacheTemplate
    private let pages: [Page: MustacheTemplate]

    /// Parses the templates once; nil only if a template does not parse, which the explorer
    /// tests rule out (the pages then answer a plain-text 500 instead of trapping).
    static let shared: ExplorerRenderer? = try? ExplorerRenderer()

    private init() throws {
        // The templates name this content type, so it must be registered before they parse.
        MustacheContentTypes.register(ExplorerHTMLContentType(), named: ExplorerHTMLContentType.name)
        layout = try MustacheTemplate(string: ExplorerTemplates.layout)
        var pages = [Page: MustacheTemplate]()
        for page in Page.allCases { pages[page] = try MustacheTemplate(string: page.source) }
        self.pages = pages
    }

    private struct LayoutView {
        var title: String
        var chainName: String
        var content: String
    }

    /// The full document for `page` rendered with `view`.
    func document(_ page: Page, title: String, chainName: String, view: Any) -> String {
        let content = pages[page]?.render(view) ?? ""
        return layout.render(LayoutView(title: title, chainName: chainName, content: content))
    }

    static let securityHeaders: HTTPFields = {
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"]
        let extra = [
            ("Content-Security-Policy",
             "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
        ]
        for (name, value) in extra {
            // Literal, valid names: the optional is never nil.
            if let name = HTTPField.Name(name) { fields[name] = value }
        }
        return fields
    }()

    /// An HTML answer; `page` rendered with `view`, or a plain-text 500 if the templates failed
    /// to parse at start.
    static func response(_ page: Page, status: HTTPResponse.Status = .ok, title: String, chainName: String,
                         view: Any, headers extra: HTTPFields = [:]) -> Response {
        guard let renderer = shared else {
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "explorer templates unavailable\n")))
        }
        var headers = securityHeaders
        headers.append(contentsOf: extra)
        let html = renderer.document(page, title: title, chainName: chainName, view: view)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    private struct ErrorView {
        var code: Int
        var reason: String
        var message: String
    }

    /// The HTML error page a browser gets for a path outside `/v1`.
    static func errorResponse(_ status: HTTPResponse.Status, _ message: String, chainName: String,
                              headers: HTTPFields = [:]) -> Response {
        response(.error, status: status, title: "\(status.code) \(status.reasonPhrase)", chainName: chainName,
                 view: ErrorView(code: status.code, reason: status.reasonPhrase, message: message), headers: headers)
    }
}
