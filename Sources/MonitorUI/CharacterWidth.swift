/// Terminal display width of Unicode scalars, matching glibc's per-code-point `wcwidth` (which
/// ncursesw uses) for the characters a monitor shows.
///
/// Grapheme clusters are *not* measured as a whole: `❤️` (with VS16) is 1 column and a ZWJ emoji
/// sequence is the sum of its parts, exactly as ncurses places them. Item data should therefore be
/// passed through ``DisplayText/sanitized(_:)`` so such sequences appear escaped.
public enum CharacterWidth {
    /// -1 for control characters, 0 for combining/format characters, 2 for wide, else 1.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return -1 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (v >= 0x1160 && v <= 0x11FF) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// The display width of a whole string (control and zero-width characters count 0).
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            let w = of(scalar)
            if w > 0 { total += w }
        }
        return total
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
            0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
            0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
            0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
            0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F202, 0x1F210...0x1F23B,
            0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x1F300...0x1F320,
            0x1F32D...0x1F335, 0x1F337...0x1F37C, 0x1F37E...0x1F393, 0x1F3A0...0x1F3CA,
            0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4, 0x1F3F8...0x1F43E, 0x1F440,
            0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A,
            0x1F595...0x1F596, 0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC,
            0x1F6D0...0x1F6D2, 0x1F6D5...0x1F6D7, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC,
            0x1F7E0...0x1F7EB, 0x1F90C...0x1F93A, 0x1F93C...0x1F945, 0x1F947...0x1F9FF,
            0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// Helpers that turn arbitrary text into something that lays out predictably on a grid.
public enum DisplayText {
    /// Escapes control, zero-width and format characters (`\n`, VS16, ZWJ, …) as `\u{…}`, so item
    /// data cannot move the cursor or disagree with ncurses about widths.
    public static func sanitized(_ text: String) -> String {
        var needs = false
        for s in text.unicodeScalars where CharacterWidth.of(s) <= 0 {
            needs = true
            break
        }
        if !needs { return text }
        var out = ""
        for s in text.unicodeScalars {
            if CharacterWidth.of(s) > 0 {
                out.unicodeScalars.append(s)
            } else {
                switch s {
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default: out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return out
    }

    /// `text` cut to `width` cells, ending in `…` when cut.
    public static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if CharacterWidth.of(text) <= width { return text }
        var out = String.UnicodeScalarView()
        var used = 0
        for s in text.unicodeScalars {
            let w = max(0, CharacterWidth.of(s))
            if used + w > width - 1 { break }
            out.append(s)
            used += w
        }
        return String(out) + "…"
    }

    /// `text` shortened from the middle to `width` cells (`shardId-…-a7b8`), keeping both ends.
    public static func middleTruncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let scalars = Array(text.unicodeScalars)
        if CharacterWidth.of(text) <= width { return text }
        if width <= 2 { return truncated(text, to: width) }
        let keepTail = (width - 1) / 2
        let keepHead = width - 1 - keepTail
        var head = String.UnicodeScalarView()
        var used = 0
        for s in scalars {
            let w = max(0, CharacterWidth.of(s))
            if used + w > keepHead { break }
            head.append(s)
            used += w
        }
        var tail: [Unicode.Scalar] = []
        used = 0
        for s in scalars.reversed() {
            let w = max(0, CharacterWidth.of(s))
            if used + w > keepTail { break }
            tail.append(s)
            used += w
        }
        var result = String(head) + "…"
        result.unicodeScalars.append(contentsOf: tail.reversed())
        return result
    }

    /// `text` padded with spaces (or truncated) to exactly `width` cells.
    public static func padded(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let t = truncated(text, to: width)
        let pad = max(0, width - CharacterWidth.of(t))
        return alignRight ? String(repeating: " ", count: pad) + t : t + String(repeating: " ", count: pad)
    }
}
