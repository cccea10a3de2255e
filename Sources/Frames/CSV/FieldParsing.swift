import CParsing

/// Reads numbers straight from a field's bytes, without making a `String` first.
enum FieldParsing {
    private static let zero = UInt8(ascii: "0")
    private static let minus = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")
    private static let dot = UInt8(ascii: ".")

    /// Pandas' default markers of a missing numeric value (`read_csv`'s `na_values`).
    private static let missingMarkers: [[UInt8]] = [
        "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ].map { Array($0.utf8) }

    /// The range left after trimming spaces and tabs at both ends.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start, end = end
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return (start, end)
    }

    /// Whether the trimmed field is empty or one of pandas' missing-value markers.
    static func isMissingMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if start == end { return true }
        let field = bytes[start..<end]
        return missingMarkers.contains { $0.elementsEqual(field) }
    }

    /// `true` or `false` in any letter case (pandas also reads `True`/`TRUE`); nil otherwise.
    static func parseBool(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        func matches(_ word: StaticString) -> Bool {
            guard end - start == word.utf8CodeUnitCount else { return false }
            let pointer = word.utf8Start
            for offset in 0..<(end - start) where bytes[start + offset] | 0x20 != pointer[offset] { return false }
            return true
        }
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    /// A decimal integer with an optional sign; nil unless the whole range is one that fits in `Int`.
    static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        if let (value, stop) = leadingInteger(bytes, start, end), stop == end { return value }
        // Not up to 18 digits: longer numbers take the checked path, anything else is none.
        var index = start
        let negative = index < end && bytes[index] == minus
        if index < end, negative || bytes[index] == plus { index += 1 }
        guard end - index > 18 else { return nil }
        return checkedParseInt(bytes, index, end, negative: negative)
    }

    /// The integer at the start of `start..<end` (an optional sign, then 1 to 18 digits, which
    /// cannot overflow) and where its digits stop; nil when there is no digit or more than 18.
    /// The arithmetic is `recbook_leading_integer` (CParsing), which the plain-row reader runs too.
    @inline(__always)
    static func leadingInteger(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, stop: Int)? {
        var value: Int64 = 0, stop = 0
        guard recbook_leading_integer(bytes.baseAddress, start, end, &value, &stop) else { return nil }
        return (Int(value), stop)
    }

    private static func checkedParseInt(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, negative: Bool) -> Int? {
        // Accumulate negatively so that Int.min parses too.
        var value = 0
        for index in start..<end {
            let digit = bytes[index] &- zero
            guard digit <= 9 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = shifted.subtractingReportingOverflow(Int(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
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
        if let (value, stop) = leadingDecimal(bytes, start, end), stop == end { return value }
        return slowParseDouble(bytes, start, end)
    }

    /// The plain decimal at the start of `start..<end` — an optional sign, digits with at most one
    /// point, at most 15 significant digits — as one correctly rounded division of two exact
    /// doubles, and where it stops; nil when there is no digit, more significant digits, or more
    /// than 22 after the point (the exact path does not apply). The arithmetic is
    /// `recbook_leading_decimal` (CParsing), which the plain-row reader runs too.
    @inline(__always)
    static func leadingDecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Double, stop: Int)? {
        var value = 0.0, stop = 0
        guard recbook_leading_decimal(bytes.baseAddress, start, end, &value, &stop) else { return nil }
        return (value, stop)
    }

    private static func slowParseDouble(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let slice = bytes[start..<end]
        // strtod behind Double(_:) stops at a NUL, so `4.0\0junk` would read as 4.0; it would
        // also read hexadecimal, which Python's float() does not. Only the bytes of decimal
        // numbers and of inf/infinity/nan may reach it.
        guard slice.allSatisfy(isDecimalNumberByte) else { return nil }
        return Double(String(decoding: slice, as: UTF8.self))
    }

    /// Digits, signs, the decimal point, exponent marks and the letters of `infinity` and `nan`.
    private static func isDecimalNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), minus, plus, dot: return true
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            return "einftyaEINFTYA".utf8.contains(byte)
        default: return false
        }
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

    /// The offset in `slice` of the first byte that is not part of valid UTF-8, or nil when
    /// every byte is.
    static func firstInvalidUTF8Offset(_ slice: UnsafeBufferPointer<UInt8>) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = slice.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return nil
            }
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
