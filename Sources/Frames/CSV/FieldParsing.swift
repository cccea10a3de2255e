/// Reads numbers straight from a field's bytes, without making a `String` first.
enum FieldParsing {
    private static let zero = UInt8(ascii: "0")
    private static let minus = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")
    private static let dot = UInt8(ascii: ".")

    /// Powers of ten that a `Double` holds exactly.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Pandas' default markers of a missing numeric value (`read_csv`'s `na_values`).
    private static let missingMarkers: Set<[UInt8]> = Set([
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ].map { Array($0.utf8) })

    /// The range left after trimming spaces and tabs at both ends.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start, end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return (start, end)
    }

    /// Whether the trimmed field is empty or one of pandas' missing-value markers.
    static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        start == end || (end - start <= 8 && missingMarkers.contains(Array(bytes[start..<end])))
    }

    /// A decimal integer with an optional sign; nil unless the whole range is one that fits in `Int`.
    static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var index = start
        var negative = false
        if index < end, bytes[index] == minus || bytes[index] == plus {
            negative = bytes[index] == minus
            index += 1
        }
        guard index < end else { return nil }
        // Accumulate negatively so that Int.min parses too.
        var value = 0
        while index < end {
            let digit = Int(bytes[index]) &- Int(zero)
            guard digit >= 0, digit <= 9 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        let (positive, overflow) = (0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }

    /// A decimal number (`4.0`, `-0.5`, `1e-3`, `inf`, `nan`); nil unless the whole range is one.
    ///
    /// Plain decimals with at most 15 significant digits take an exact fast path (one
    /// correctly rounded division of two exact doubles); anything else goes to the standard library.
    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var index = start
        var negative = false
        if index < end, bytes[index] == minus || bytes[index] == plus {
            negative = bytes[index] == minus
            index += 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var sawDigit = false
        var inFraction = false
        while index < end {
            let byte = bytes[index]
            if byte == dot, !inFraction {
                inFraction = true
            } else {
                let digit = byte &- zero
                guard digit <= 9 else { return slowParseDouble(bytes, start, end) }
                sawDigit = true
                if mantissa != 0 || digit != 0 { significantDigits += 1 }
                guard significantDigits <= 15 else { return slowParseDouble(bytes, start, end) }
                mantissa = mantissa * 10 + UInt64(digit)
                if inFraction { fractionDigits += 1 }
            }
            index += 1
        }
        guard sawDigit, fractionDigits < exactPowersOfTen.count else { return slowParseDouble(bytes, start, end) }
        let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    private static func slowParseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let slice = bytes[start..<end]
        // Python's float() reads no hexadecimal; strtod behind Double(_:) would.
        guard !slice.contains(UInt8(ascii: "x")), !slice.contains(UInt8(ascii: "X")) else { return nil }
        return Double(String(decoding: slice, as: UTF8.self))
    }
}

/// Turns a field's bytes into a `String` in the file's encoding.
struct FieldDecoder {
    /// Thrown when a field is not valid UTF-8.
    struct InvalidUTF8: Error {}

    let latin1: Bool
    private var scratch: [UInt8] = []

    init(latin1: Bool) {
        self.latin1 = latin1
    }

    /// The field's text, with doubled quotes undone.
    ///
    /// - Throws: ``InvalidUTF8`` when decoding as UTF-8 and the bytes are not valid UTF-8.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) throws -> String {
        guard span.hasEscapedQuotes else { return try decode(UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])) }
        copyUnescaped(bytes, span)
        return try scratch.withUnsafeBufferPointer { try decode($0) }
    }

    /// The field's text for an error message: never fails, replacing what it cannot decode.
    mutating func lenientString(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> String {
        copyUnescaped(bytes, span)
        if latin1 { return String(String.UnicodeScalarView(scratch.map { Unicode.Scalar($0) })) }
        return String(decoding: scratch, as: UTF8.self)
    }

    private mutating func copyUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) {
        scratch.removeAll(keepingCapacity: true)
        var index = span.start
        while index < span.end {
            scratch.append(bytes[index])
            // Inside a quoted field the scanner only accepted quotes in pairs.
            index += span.hasEscapedQuotes && bytes[index] == UInt8(ascii: "\"") ? 2 : 1
        }
    }

    private func decode(_ slice: UnsafeBufferPointer<UInt8>) throws -> String {
        if slice.isEmpty { return "" }
        if latin1 {
            var isASCII = true
            for byte in slice where byte >= 0x80 { isASCII = false; break }
            if isASCII { return String(decoding: slice, as: UTF8.self) }
            return String(String.UnicodeScalarView(slice.map { Unicode.Scalar($0) }))
        }
        guard let text = String(validating: slice, as: UTF8.self) else { throw InvalidUTF8() }
        return text
    }
}
