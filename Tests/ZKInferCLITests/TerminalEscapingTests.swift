import Testing
import zkinfer

/// Defect 4 (printing side): strings from the chain cannot drive the terminal or fake lines.
@Suite("Terminal escaping") struct TerminalEscapingTests {
    @Test("control characters, DEL, C1 and bidi formatting characters become visible escapes")
    func escapes() {
        #expect(terminalSafe("plain name v1.2 (ünïcödé, 模型)") == "plain name v1.2 (ünïcödé, 模型)")
        #expect(terminalSafe("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(terminalSafe("x\rreceipt valid\ny") == "x\\u{D}receipt valid\\u{A}y")
        #expect(terminalSafe("\u{0}\u{7}\u{9}\u{1F}") == "\\u{0}\\u{7}\\u{9}\\u{1F}")
        #expect(terminalSafe("\u{7F}\u{80}\u{9B}\u{9F}") == "\\u{7F}\\u{80}\\u{9B}\\u{9F}")
        #expect(terminalSafe("\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}") == "\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}")
        #expect(terminalSafe("\u{2066}\u{2067}\u{2068}\u{2069}") == "\\u{2066}\\u{2067}\\u{2068}\\u{2069}")
        #expect(terminalSafe("\u{200E}\u{200F}") == "\\u{200E}\\u{200F}")
        // Neighbours that are harmless stay as they are.
        #expect(terminalSafe("\u{A0}\u{200D}\u{2065}\u{206A}") == "\u{A0}\u{200D}\u{2065}\u{206A}")
    }

    @Test("a backslash in the data cannot pass for one of our escapes")
    func backslash() {
        #expect(terminalSafe("\\u{1B}") == "\\\\u{1B}")
        #expect(terminalSafe("\u{1B}") != terminalSafe("\\u{1B}"))
    }

    @Test("the output never holds a character that needs escaping")
    func nothingRawSurvives() {
        var all = ""
        for value in [0x00...0xA0, 0x2000...0x2070].joined() {
            if let scalar = Unicode.Scalar(UInt32(value)) { all.unicodeScalars.append(scalar) }
        }
        let escaped = terminalSafe(all)
        for scalar in escaped.unicodeScalars {
            #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0x200E, 0x200F].contains(scalar.value)
                      || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)))
        }
    }
}
