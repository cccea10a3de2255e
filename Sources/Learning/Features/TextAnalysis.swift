/// The parts of scikit-learn's default text analyser that decide which terms a document holds:
/// Python's `str.lower()`, then the token pattern `(?u)\b\w\w+\b`.
enum TextAnalysis {
    /// The document's tokens in order: maximal runs of two or more word characters of the
    /// lower-cased text.
    ///
    /// Matching `\b\w\w+\b` with Python's `re` finds exactly these runs: a match must start and
    /// end at word boundaries, and `\w+` is greedy.
    static func tokens(in document: String) -> [CodePointString] {
        var tokens: [CodePointString] = []
        var current: [Unicode.Scalar] = []
        func flush() {
            if current.count >= 2 { tokens.append(CodePointString(scalars: current)) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in pythonLowercased(document) {
            if isWordCharacter(scalar) { current.append(scalar) } else { flush() }
        }
        flush()
        return tokens
    }

    /// Whether Python's `re` counts a code point as `\w` in Unicode mode: `str.isalnum()` or `_`.
    ///
    /// `isalnum` is `isalpha` (general categories Lu, Ll, Lt, Lm, Lo) or `isnumeric` (any
    /// Numeric_Type: decimal digits, other digits, and numerics such as ½ or Roman numerals).
    /// Combining marks (Mn, Mc) are not word characters, so a decomposed "é" splits a token.
    /// This agrees with CPython 3.11 on every code point assigned up to Unicode 14.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return properties.numericType != nil
        }
    }

    /// Python's `str.lower()`: the full Unicode lower-case mapping of each code point, with
    /// the Final_Sigma rule that turns a word-final capital sigma into "ς".
    ///
    /// Swift's `String.lowercased()` maps Σ to "σ" everywhere, so it cannot be used here.
    static func pythonLowercased(_ text: String) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar.isASCII {
                let value = scalar.value
                result.append((65...90).contains(value) ? Unicode.Scalar(UInt8(value + 32)) : scalar)
            } else if scalar == "\u{03A3}" {
                result.append(isFinalSigma(at: index, in: scalars) ? "\u{03C2}" : "\u{03C3}")
            } else {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return result
    }

    /// CPython's Final_Sigma test: a cased letter (skipping case-ignorable ones) comes before,
    /// and no cased letter (skipping case-ignorable ones) comes after.
    private static func isFinalSigma(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before].properties.isCaseIgnorable { before -= 1 }
        guard before >= 0, scalars[before].properties.isCased else { return false }
        var after = index + 1
        while after < scalars.count, scalars[after].properties.isCaseIgnorable { after += 1 }
        return after == scalars.count || !scalars[after].properties.isCased
    }
}
