/// Renders `text` so that printing it cannot move the cursor, start an escape sequence, break a
/// line or reorder what follows: C0 controls (CR and LF included), DEL, C1 controls and the
/// Unicode bidirectional overrides, embeddings, isolates and marks become visible escapes such
/// as `\u{1B}`, and a backslash becomes `\\` so an escape in the data cannot pass for one of
/// ours. Everything printed from chain data (names, versions, metadata, file names) goes through
/// here: a model's owner chooses those strings, the person reading the terminal does not.
package func terminalSafe(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        if scalar == "\\" {
            result += "\\\\"
        } else if needsEscaping(scalar) {
            result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// C0 (U+0000–001F), DEL and C1 (U+007F–009F), and the bidi formatting characters: LRM/RLM
/// (U+200E/F), the embeddings and overrides (U+202A–202E) and the isolates (U+2066–2069).
private func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}
