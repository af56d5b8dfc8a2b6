import Mustache

/// Escaping of untrusted text for HTML element content and quoted attribute values.
///
/// It works on Unicode scalars, not `Character`s: a quote or angle bracket followed by a
/// combining mark forms one grapheme cluster, which a per-`Character` lookup table does not
/// recognise, so `"\u{301}` would otherwise leave an attribute unescaped. Control characters
/// (C0, DEL, C1), bidirectional overrides and isolates, and line or paragraph separators are
/// written as visible `\u{…}` text: chain data can then neither reorder nor hide what a page
/// shows, nor smuggle anything the HTML parser treats specially.
public enum HTMLEscaping {
    /// `text` with `& < > " '` as character references and invisible or reordering scalars as
    /// `\u{XXXX}`.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default:
                if isHidden(scalar) {
                    escaped += visibleCode(scalar)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// Scalars a reader would not see, or that change the order or lines of what they see.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0, DEL and C1 controls
        case 0x061C, 0x200E, 0x200F: true  // Arabic letter mark, left-to-right and right-to-left marks
        case 0x202A...0x202E, 0x2066...0x2069: true  // bidi embeddings, overrides and isolates
        case 0x2028, 0x2029: true  // line and paragraph separators
        // Zero-width space, word joiner and BOM (the zero-width joiners stay: scripts and emoji
        // need them, and they reorder nothing).
        case 0x200B, 0x2060, 0xFEFF: true
        default: false
        }
    }

    private static func visibleCode(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "\\u{" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "}"
    }
}

/// The explorer templates' content type: every `{{value}}` goes through `HTMLEscaping`.
struct ExplorerHTMLContentType: MustacheContentType {
    /// The name templates select with `{{% CONTENT_TYPE: … }}`.
    static let name = "ZKINFER_HTML"

    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}
