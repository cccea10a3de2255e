/// Decodes HTML character references (`&#106;`, `&#x6A;`, `&colon;`) as far as
/// ``HTMLSanitizer`` needs to judge a URL.
///
/// Numeric references are decoded as a browser decodes them, with or without the closing `;`.
/// Of the named references only those a browser turns into ASCII are decoded, since only ASCII
/// can spell a URL scheme or the whitespace a browser strips from one; any other named reference
/// decodes to U+FFFD, which can be part of no scheme.
enum CharacterReferences {
    /// The named references that stand for ASCII text, with what they stand for.
    static let asciiNamed: [String: String] = [
        "Tab": "\t", "NewLine": "\n", "excl": "!", "quot": "\"", "QUOT": "\"", "num": "#", "dollar": "$",
        "percnt": "%", "amp": "&", "AMP": "&", "apos": "'", "lpar": "(", "rpar": ")", "ast": "*",
        "midast": "*", "plus": "+", "comma": ",", "period": ".", "sol": "/", "colon": ":", "semi": ";",
        "lt": "<", "LT": "<", "equals": "=", "gt": ">", "GT": ">", "quest": "?", "commat": "@",
        "lsqb": "[", "lbrack": "[", "bsol": "\\", "rsqb": "]", "rbrack": "]", "Hat": "^", "lowbar": "_",
        "UnderBar": "_", "grave": "`", "DiacriticalGrave": "`", "lcub": "{", "lbrace": "{",
        "verbar": "|", "vert": "|", "VerticalLine": "|", "rcub": "}", "rbrace": "}", "fjlig": "fj",
    ]

    /// `raw` with its character references decoded.
    /// - Complexity: O(n) in the length of `raw`.
    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        var result = String.UnicodeScalarView()
        let text = Array(raw)
        var index = 0
        while index < text.count {
            guard text[index] == UInt8(ascii: "&"), let (decoded, length) = reference(in: text, at: index) else {
                // Copy the run up to the next '&' as UTF-8.
                let start = index
                index += 1
                while index < text.count, text[index] != UInt8(ascii: "&") { index += 1 }
                result.append(contentsOf: String(decoding: text[start..<index], as: UTF8.self).unicodeScalars)
                continue
            }
            result.append(contentsOf: decoded.unicodeScalars)
            index += length
        }
        return String(result)
    }

    /// The reference starting at `text[index]` (an `&`) and its length in bytes, or nil when the
    /// `&` starts none.
    private static func reference(in text: [UInt8], at index: Int) -> (String, Int)? {
        var cursor = index + 1
        if cursor < text.count, text[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hexadecimal = cursor < text.count && (text[cursor] == UInt8(ascii: "x") || text[cursor] == UInt8(ascii: "X"))
            if hexadecimal { cursor += 1 }
            let digitsStart = cursor
            var value: UInt32 = 0
            while cursor < text.count, let digit = digitValue(text[cursor], hexadecimal: hexadecimal) {
                // Saturate: anything past U+10FFFF decodes to U+FFFD however long it is.
                value = min(value &* (hexadecimal ? 16 : 10) &+ digit, 0x110000)
                cursor += 1
            }
            guard cursor > digitsStart else { return nil }
            if cursor < text.count, text[cursor] == UInt8(ascii: ";") { cursor += 1 }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(scalar ?? "\u{FFFD}"), cursor - index)
        }
        let nameStart = cursor
        while cursor < text.count, HTMLTokenizer.isASCIIAlpha(text[cursor]) || (0x30...0x39).contains(text[cursor]) {
            cursor += 1
        }
        guard cursor > nameStart, cursor < text.count, text[cursor] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: text[nameStart..<cursor], as: UTF8.self)
        return (asciiNamed[name] ?? "\u{FFFD}", cursor + 1 - index)
    }

    private static func digitValue(_ byte: UInt8, hexadecimal: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46 where hexadecimal: UInt32(byte - 0x41 + 10)
        case 0x61...0x66 where hexadecimal: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    /// Whether `text[index]` (an `&`) starts a complete reference: `&name;`, `&#digits;` or
    /// `&#xhex;`. Such a reference can be copied into a document as written.
    static func startsCompleteReference(_ text: ArraySlice<UInt8>, at index: Int) -> Bool {
        var cursor = index + 1
        guard cursor < text.endIndex else { return false }
        if text[cursor] == UInt8(ascii: "#") {
            cursor += 1
            let hexadecimal = cursor < text.endIndex && (text[cursor] == UInt8(ascii: "x") || text[cursor] == UInt8(ascii: "X"))
            if hexadecimal { cursor += 1 }
            let digitsStart = cursor
            while cursor < text.endIndex, digitValue(text[cursor], hexadecimal: hexadecimal) != nil { cursor += 1 }
            return cursor > digitsStart && cursor < text.endIndex && text[cursor] == UInt8(ascii: ";")
        }
        guard HTMLTokenizer.isASCIIAlpha(text[cursor]) else { return false }
        while cursor < text.endIndex, HTMLTokenizer.isASCIIAlpha(text[cursor]) || (0x30...0x39).contains(text[cursor]) {
            cursor += 1
        }
        return cursor < text.endIndex && text[cursor] == UInt8(ascii: ";")
    }
}
