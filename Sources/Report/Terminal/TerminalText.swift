/// Measuring, padding and cutting text by the columns it takes in a monospaced terminal.
///
/// East Asian wide characters and emoji take two columns; combining marks and zero-width
/// characters take none; everything else takes one. This is an approximation of `wcwidth`
/// that is good enough to keep table columns aligned for film titles from any country.
enum TerminalText {
    /// The number of terminal columns `text` occupies.
    /// - Complexity: O(n) in the length of `text`.
    static func width(_ text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// The number of terminal columns one character occupies (0, 1 or 2).
    static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let value = first.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        if isZeroWidth(value) { return 0 }
        if isWide(value) || character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return 1
    }

    /// `text` cut to at most `maxWidth` columns, ending in `…` when something was cut.
    /// - Parameters:
    ///   - text: the text to fit.
    ///   - maxWidth: the number of columns available; at least 1 is assumed.
    static func truncated(_ text: String, toWidth maxWidth: Int) -> String {
        let limit = max(1, maxWidth)
        guard width(text) > limit else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = width(of: character)
            if used + characterWidth > limit - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    /// `line` broken at spaces into lines of at most `maxWidth` columns, each continuation
    /// indented as the line is; a word wider than that stands alone on its line. A line drawn
    /// with box-drawing characters (a Keras summary, a chart) is left whole: breaking it
    /// would scramble its columns.
    static func wrapped(_ line: String, toWidth maxWidth: Int) -> [String] {
        guard width(line) > maxWidth,
              !line.unicodeScalars.contains(where: { (0x2500...0x259F).contains($0.value) }) else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let words = line.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false)
        var lines: [String] = []
        var current = indent
        for word in words {
            let candidate = current == indent ? current + word : current + " " + word
            if width(candidate) > maxWidth, current != indent {
                lines.append(trimmingTrailingSpaces(current))
                current = indent + word
            } else {
                current = candidate
            }
        }
        lines.append(current)
        return lines
    }

    /// `text` padded with spaces on the right (left-aligned) or the left (right-aligned) to
    /// `targetWidth` columns. Text already as wide is returned unchanged.
    static func padded(_ text: String, toWidth targetWidth: Int, alignment: Alignment) -> String {
        let padding = String(repeating: " ", count: max(0, targetWidth - width(text)))
        switch alignment {
        case .left: return text + padding
        case .right: return padding + text
        }
    }

    /// `text` centred in `targetWidth` columns (extra space goes to the right).
    static func centered(_ text: String, inWidth targetWidth: Int) -> String {
        let spare = max(0, targetWidth - width(text))
        return String(repeating: " ", count: spare / 2) + text
    }

    /// Removes trailing spaces from every line.
    static func trimmingTrailingSpaces(_ line: String) -> String {
        var trimmed = Substring(line)
        while trimmed.last == " " { trimmed.removeLast() }
        return String(trimmed)
    }

    enum Alignment: Sendable {
        case left
        case right
    }

    private static func isZeroWidth(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value) || (0x200B...0x200F).contains(value)
            || (0x20D0...0x20FF).contains(value) || (0xFE00...0xFE0F).contains(value)
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }
}
