/// Where one field of the current record lies in the file's bytes.
struct FieldSpan {
    /// The first byte of the field's content (after an opening quote).
    var start: Int
    /// One past the last byte of the content (before a closing quote).
    var end: Int
    /// Whether the content holds doubled quotes (`""`) that stand for one quote each.
    var hasEscapedQuotes: Bool
}

/// Splits a delimited file's bytes into records and fields without copying them.
///
/// Records end at LF, CRLF or a lone CR; empty lines are skipped, as pandas does. With quoting,
/// a field that starts with `"` runs to the matching unescaped `"` and may hold separators and
/// line breaks; a quote inside an unquoted field is an ordinary character, as pandas reads it.
struct CSVScanner {
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let quote = UInt8(ascii: "\"")

    private let bytes: UnsafeBufferPointer<UInt8>
    private let separator: [UInt8]
    private let quoting: Bool
    private let file: String
    private let limits: CSVLimits
    private(set) var position: Int
    private var line = 1
    /// Spans of the current record's fields in `0..<fieldCount`; later entries are stale.
    private var spans: [FieldSpan] = []

    /// The 1-based line on which the current record starts.
    private(set) var recordLine = 1
    /// The byte offset at which the current record starts.
    private(set) var recordStart = 0
    /// The number of fields in the current record.
    private(set) var fieldCount = 0

    /// - Precondition: `separator` is non-empty and holds no quote or line break.
    init(
        bytes: UnsafeBufferPointer<UInt8>, start: Int, separator: [UInt8], quoting: Bool, file: String,
        limits: CSVLimits = .standard
    ) {
        self.bytes = bytes
        self.position = start
        self.separator = separator
        self.quoting = quoting
        self.file = file
        self.limits = limits
        spans = Array(repeating: FieldSpan(start: 0, end: 0, hasEscapedQuotes: false), count: 32)
    }

    /// The number of bytes from the current position to the end.
    var remainingBytes: Int { bytes.count - position }

    /// Field `index` of the current record.
    ///
    /// - Precondition: `index < fieldCount`.
    func field(_ index: Int) -> FieldSpan { spans[index] }

    /// Reads the next record's fields (see ``fieldCount`` and ``field(_:)``).
    ///
    /// - Returns: false at the end of the file.
    /// - Throws: ``DataError/unterminatedQuote(file:line:)``,
    ///   ``DataError/textAfterClosingQuote(file:line:field:)``, or, past the ``CSVLimits``,
    ///   ``DataError/tooManyFields(file:line:limit:)`` and ``DataError/recordTooLong(file:line:limit:)``.
    mutating func nextRecord() throws -> Bool {
        fieldCount = 0
        skipEmptyLines()
        guard position < bytes.count else { return false }
        recordLine = line
        recordStart = position
        try scanFields()
        // Checked once the row is scanned, so that an unterminated quote is reported as such.
        guard position - recordStart <= limits.maxRecordBytes else {
            throw DataError.recordTooLong(file: file, line: recordLine, limit: limits.maxRecordBytes)
        }
        return true
    }

    /// Skips empty lines and returns where the next record starts (the end of the bytes when
    /// none is left); ``nextRecord()`` then reads that record.
    mutating func nextRecordStart() -> Int {
        skipEmptyLines()
        return position
    }

    /// Moves past `count` records, one line each, that its caller has scanned itself
    /// (``PlainRowReader``): from the current position, which ``nextRecordStart()`` has just
    /// returned, to `end`, just past the last one's line feed; `lastStart` is where the last one
    /// starts. That record becomes the current one, without its fields (``field(_:)`` is stale).
    mutating func skipScannedRecords(_ count: Int, lastStart: Int, to end: Int, fieldCount fields: Int) {
        recordStart = lastStart
        recordLine = line + count - 1
        position = end
        line += count
        fieldCount = fields
    }

    /// Whether the current record ended with a line break (rather than at the end of the bytes).
    var recordEndedWithLineBreak: Bool {
        position > recordStart && (bytes[position - 1] == Self.lineFeed || bytes[position - 1] == Self.carriageReturn)
    }

    private mutating func scanFields() throws {
        while true {
            if quoting, bytes[position] == Self.quote {
                try scanQuotedField()
                guard position < bytes.count else { return }
                if consumeLineEnd() { return }
                guard separatorMatches(at: position) else {
                    throw DataError.textAfterClosingQuote(file: file, line: recordLine, field: fieldCount)
                }
                position += separator.count
            } else {
                let endsWithSeparator = try scanUnquotedField()
                if !endsWithSeparator {
                    _ = consumeLineEnd()
                    return
                }
            }
            if position == bytes.count {
                // A separator just before the end of the file leaves one empty last field.
                try appendField(FieldSpan(start: position, end: position, hasEscapedQuotes: false))
                return
            }
        }
    }

    private mutating func appendField(_ span: FieldSpan) throws {
        guard fieldCount < limits.maxFields else {
            throw DataError.tooManyFields(file: file, line: recordLine, limit: limits.maxFields)
        }
        if fieldCount < spans.count {
            spans[fieldCount] = span
        } else {
            spans.append(span)
        }
        fieldCount += 1
    }

    private mutating func skipEmptyLines() {
        while consumeLineEnd() {}
    }

    /// Consumes LF, CRLF or CR at the current position.
    private mutating func consumeLineEnd() -> Bool {
        guard position < bytes.count else { return false }
        let byte = bytes[position]
        if byte == Self.lineFeed {
            position += 1
        } else if byte == Self.carriageReturn {
            position += 1
            if position < bytes.count, bytes[position] == Self.lineFeed { position += 1 }
        } else {
            return false
        }
        line += 1
        return true
    }

    private func separatorMatches(at offset: Int) -> Bool {
        guard offset + separator.count <= bytes.count else { return false }
        for index in separator.indices where bytes[offset + index] != separator[index] { return false }
        return true
    }

    /// Scans an unquoted field and, when a separator ends it, consumes the separator.
    ///
    /// - Returns: whether a separator ended the field (else a line end or the end of the file).
    private mutating func scanUnquotedField() throws -> Bool {
        let start = position
        let end = bytes.count
        let first = separator[0]
        let single = separator.count == 1
        var cursor = position
        while cursor < end {
            let byte = bytes[cursor]
            // Most bytes are neither line ends (below 0x0E) nor the separator: one test each.
            if byte > Self.carriageReturn && byte != first {
                cursor += 1
                continue
            }
            if byte == first, single || separatorMatches(at: cursor) {
                try appendField(FieldSpan(start: start, end: cursor, hasEscapedQuotes: false))
                position = cursor + separator.count
                return true
            }
            if byte == Self.lineFeed || byte == Self.carriageReturn { break }
            cursor += 1
        }
        try appendField(FieldSpan(start: start, end: cursor, hasEscapedQuotes: false))
        position = cursor
        return false
    }

    /// Scans a quoted field from its opening quote to just past its closing quote.
    private mutating func scanQuotedField() throws {
        position += 1
        let start = position
        var hasEscapedQuotes = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    hasEscapedQuotes = true
                    position += 2
                    continue
                }
                try appendField(FieldSpan(start: start, end: position, hasEscapedQuotes: hasEscapedQuotes))
                position += 1
                return
            }
            if byte == Self.lineFeed {
                line += 1
            } else if byte == Self.carriageReturn, position + 1 >= bytes.count || bytes[position + 1] != Self.lineFeed {
                line += 1
            }
            position += 1
        }
        throw DataError.unterminatedQuote(file: file, line: recordLine)
    }
}
