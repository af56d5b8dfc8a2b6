/// What text the chain accepts in names, versions, metadata and the chain name: printable
/// UTF-8. Chain text ends up on verifiers' terminals and web pages, so a string that could move
/// the cursor, rewrite a line, inject a terminal escape sequence or reorder what is displayed
/// (bidirectional overrides: "Trojan Source") would let a hostile owner forge what a verifier
/// reads. Refused: every control character (C0, DEL, C1: general category Cc, which holds ESC,
/// CR and LF), the line and paragraph separators, the byte-order mark, and every bidirectional
/// formatting character (marks, embeddings, overrides, isolates). Joiners stay allowed, since
/// emoji and several scripts need them.
public enum ChainText {
    /// The first scalar of `text` the chain refuses, nil when all are allowed.
    public static func firstForbiddenScalar(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.generalCategory == .control { return true }
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true // bidirectional formatting
        case 0x2028, 0x2029: return true // line and paragraph separators
        case 0xFEFF: return true // byte-order mark / zero-width no-break space
        default: return false
        }
    }
}
