import Foundation

/// Escapes strings from data for the two places they can appear in HTML (and SVG): element text
/// and quoted attribute values.
///
/// Every string that did not come from recbook's own code (table cells, titles, labels, file
/// paths, error messages, step source) must pass through one of these before it reaches a
/// document. Both functions also replace the control characters that HTML and XML forbid
/// (everything below U+0020 except tab, line feed and carriage return, plus U+FFFE and U+FFFF)
/// with U+FFFD, so that a stray byte in a CSV file cannot make a report or an SVG malformed.
public enum HTMLEscaping {
    /// Escapes `text` for use between tags: `&`, `<` and `>` become character references.
    ///
    /// Quotes are left alone because they are harmless in element content and common in titles.
    /// - Parameter text: text from data.
    /// - Returns: text that reads the same when an HTML or XML parser decodes it.
    /// - Complexity: O(n) in the length of `text`; returns `text` itself when nothing needs escaping.
    public static func text(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// Escapes `value` for use inside a double- or single-quoted attribute value: `&`, `<`, `>`,
    /// `"` and `'` become character references.
    ///
    /// `<` and `>` are escaped too although a quoted value does not need it, so that no `</script>`
    /// or `<!--` sequence from data ever appears verbatim in a document.
    /// - Parameter value: an attribute value from data.
    /// - Returns: the value, safe inside either kind of quotes.
    /// - Complexity: O(n) in the length of `value`.
    public static func attribute(_ value: String) -> String {
        escape(value, quotes: true)
    }

    /// Undoes the escaping cmark applies to the text of a code span (`&amp;`, `&lt;`, `&gt;`,
    /// `&quot;`, `&#39;`), to read back what the author wrote.
    public static func unescape(_ html: String) -> String {
        guard html.contains("&") else { return html }
        return html.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    private static func escape(_ string: String, quotes: Bool) -> String {
        guard string.unicodeScalars.contains(where: { needsEscaping($0, quotes: quotes) }) else {
            return string
        }
        var result = ""
        result.reserveCapacity(string.utf8.count + 16)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            case _ where isForbidden(scalar): result.unicodeScalars.append("\u{FFFD}")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscaping(_ scalar: Unicode.Scalar, quotes: Bool) -> Bool {
        switch scalar {
        case "&", "<", ">": true
        case "\"", "'": quotes
        default: isForbidden(scalar)
        }
    }

    /// Characters XML 1.0 does not allow at all, and HTML reports as parse errors.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00..<0x20, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}
