/// Turning fields into typed values, and inferring a column's type from its fields.
extension TableParse {
    /// A field's text; a field that is not valid UTF-8 is reported at its first bad byte, unless
    /// the format may fall back to Latin-1.
    ///
    /// - Parameter column: the column's name, for messages; empty for the header.
    mutating func string(_ span: FieldSpan, in scanner: CSVScanner, column: String) throws -> String {
        do {
            return try decoder.string(bytes, span)
        } catch {
            if mayFallBack { throw FallBackToLatin1() }
            let field = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
            let offset = span.start + (FieldDecoder.firstInvalidUTF8Offset(field) ?? 0)
            let (line, position) = textPosition(of: offset, recordStart: scanner.recordStart, recordLine: scanner.recordLine)
            throw DataError.undecodableText(file: file, line: line, position: position, column: column, byte: bytes[offset])
        }
    }

    /// The 1-based line and character column of the byte at `offset`, counting from the start of
    /// its row. Bytes that continue a UTF-8 sequence do not start a character.
    private func textPosition(of offset: Int, recordStart: Int, recordLine: Int) -> (line: Int, column: Int) {
        var line = recordLine
        var lineStart = recordStart
        for index in recordStart..<offset {
            let byte = bytes[index]
            let isLineFeed = byte == 0x0A
            let isLoneCarriageReturn = byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)
            if isLineFeed || isLoneCarriageReturn {
                line += 1
                lineStart = index + 1
            }
        }
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    /// Whether the trimmed field is empty, one of pandas' markers or one of the format's own.
    private func isMissing(_ start: Int, _ end: Int) -> Bool {
        FieldParsing.isMissingMarker(bytes, start, end) || isFormatMarker(start, end)
    }

    /// Whether the trimmed field is one of the format's own missing-value markers.
    private func isFormatMarker(_ start: Int, _ end: Int) -> Bool {
        guard !missingValueBytes.isEmpty else { return false }
        let field = bytes[start..<end]
        return missingValueBytes.contains { $0.elementsEqual(field) }
    }

    mutating func append(_ span: FieldSpan, to builder: inout ColumnBuilder, in scanner: CSVScanner, row: Int) throws {
        let line = scanner.recordLine
        if builder.type == .string {
            let text = try string(span, in: scanner, column: builder.name)
            if text.isEmpty || (!missingValueTexts.isEmpty && missingValueTexts.contains(text)) {
                guard builder.allowsMissing else {
                    throw DataError.invalidValue(file: file, line: line, column: builder.name, expected: .string, found: text)
                }
                builder.appendMissing(row: row)
            } else {
                builder.strings.append(text)
            }
            return
        }
        let (start, end) = FieldParsing.trimmed(bytes, span.start, span.end)
        // The format's own markers come before numbers: `na: ["-1"]` makes -1 a missing value,
        // as pandas' `na_values` does (its own markers are never numbers).
        if !span.hasEscapedQuotes, builder.allowsMissing, isFormatMarker(start, end) {
            builder.appendMissing(row: row)
            return
        }
        if !span.hasEscapedQuotes, try appendValue(start, end, to: &builder, line: line) { return }
        if !span.hasEscapedQuotes, builder.allowsMissing, isMissing(start, end) {
            builder.appendMissing(row: row)
            return
        }
        throw DataError.invalidValue(
            file: file, line: line, column: builder.name, expected: builder.type,
            found: start == end ? "" : decoder.lenientString(bytes, span)
        )
    }

    /// Appends the value the trimmed field holds; false when it holds none of the column's type.
    ///
    /// - Throws: ``DataError/nonFiniteNumber(file:line:column:found:)`` for an infinite number,
    ///   ``DataError/valueOutOfRange(file:line:column:found:allowed:)`` for one the column does not allow.
    private mutating func appendValue(_ start: Int, _ end: Int, to builder: inout ColumnBuilder, line: Int) throws -> Bool {
        switch builder.type {
        case .int:
            guard let value = FieldParsing.parseInt(bytes, start, end) else { return false }
            try checkAllowed(Double(value), builder, start, end, line: line)
            builder.ints.append(value)
        case .timestamp:
            guard let value = FieldParsing.parseInt(bytes, start, end) ?? TimestampParsing.parse(bytes, start, end) else { return false }
            builder.ints.append(value)
        case .double:
            // NaN is no value: pandas' `nan` marks a missing one, and is handled as such.
            guard let value = FieldParsing.parseDouble(bytes, start, end), !value.isNaN else { return false }
            guard value.isFinite else {
                throw DataError.nonFiniteNumber(file: file, line: line, column: builder.name, found: text(start, end))
            }
            try checkAllowed(value, builder, start, end, line: line)
            builder.doubles.append(value)
        case .bool:
            guard let value = FieldParsing.parseBool(bytes, start, end) else { return false }
            builder.bools.append(value)
        case .string:
            return false
        }
        return true
    }

    private func checkAllowed(_ value: Double, _ builder: ColumnBuilder, _ start: Int, _ end: Int, line: Int) throws {
        guard let domain = builder.allowedValues, !domain.contains(value) else { return }
        throw DataError.valueOutOfRange(file: file, line: line, column: builder.name, found: text(start, end), allowed: domain.description)
    }

    /// A trimmed number's text for a message (numbers are ASCII when they parse).
    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Reads the remaining rows once to choose the type of each field in `fields` as pandas does:
    /// integers if every present value is one, else numbers, else booleans, else strings. A
    /// field with no value in any row is read as numbers (pandas' float64 NaN).
    mutating func inferTypes(_ scanner: inout CSVScanner, fields: [Int], expectedFieldCount: Int) throws -> [Int: ColumnType] {
        var candidates = Array(repeating: TypeCandidates.all, count: fields.count)
        var sawValue = Array(repeating: false, count: fields.count)
        while try scanner.nextRecord() {
            guard scanner.fieldCount == expectedFieldCount else {
                throw DataError.wrongFieldCount(
                    file: file, line: scanner.recordLine, expected: expectedFieldCount, found: scanner.fieldCount
                )
            }
            for slot in fields.indices where !candidates[slot].isEmpty {
                let span = scanner.field(fields[slot])
                let (start, end) = FieldParsing.trimmed(bytes, span.start, span.end)
                if span.hasEscapedQuotes {
                    candidates[slot] = []
                } else if isMissing(start, end) {
                    continue
                } else {
                    candidates[slot].formIntersection(possibleTypes(start, end, among: candidates[slot]))
                }
                sawValue[slot] = true
            }
        }
        var types: [Int: ColumnType] = [:]
        for (slot, field) in fields.enumerated() {
            types[field] = sawValue[slot] ? candidates[slot].preferredType : .double
        }
        return types
    }

    /// The types among `candidates` the trimmed field can be read as.
    private func possibleTypes(_ start: Int, _ end: Int, among candidates: TypeCandidates) -> TypeCandidates {
        var possible: TypeCandidates = []
        if candidates.contains(.int), FieldParsing.parseInt(bytes, start, end) != nil {
            possible.formUnion([.int, .double])
        } else if candidates.contains(.double), FieldParsing.parseDouble(bytes, start, end) != nil {
            possible.insert(.double)
        }
        if candidates.contains(.bool), FieldParsing.parseBool(bytes, start, end) != nil { possible.insert(.bool) }
        return possible
    }
}

/// The types a column can still be read as while its type is inferred.
struct TypeCandidates: OptionSet {
    let rawValue: UInt8
    static let int = TypeCandidates(rawValue: 1)
    static let double = TypeCandidates(rawValue: 2)
    static let bool = TypeCandidates(rawValue: 4)
    static let all: TypeCandidates = [.int, .double, .bool]

    /// The narrowest type left: integers, else numbers, else booleans, else strings.
    var preferredType: ColumnType {
        if contains(.int) { return .int }
        if contains(.double) { return .double }
        if contains(.bool) { return .bool }
        return .string
    }
}

/// Collects one column's values while reading.
struct ColumnBuilder {
    let name: String
    let type: ColumnType
    let allowsMissing: Bool
    let allowedValues: NumericDomain?
    var ints: [Int] = []
    var doubles: [Double] = []
    var strings: [String] = []
    var bools: [Bool] = []
    var missingRows: [Int] = []

    init(_ column: CSVColumn) {
        name = column.name
        type = column.type
        allowsMissing = column.allowsMissing
        allowedValues = column.allowedValues
    }

    mutating func reserve(_ capacity: Int) {
        switch type {
        case .int, .timestamp: ints.reserveCapacity(capacity)
        case .double: doubles.reserveCapacity(capacity)
        case .string: strings.reserveCapacity(min(capacity, 1 << 20))
        case .bool: bools.reserveCapacity(capacity)
        }
    }

    mutating func appendMissing(row: Int) {
        missingRows.append(row)
        switch type {
        case .int, .timestamp: ints.append(0)
        case .double: doubles.append(.nan)
        case .string: strings.append("")
        case .bool: bools.append(false)
        }
    }

    func build(rowCount: Int) -> Column {
        var mask: RowMask?
        if !missingRows.isEmpty {
            var rows = RowMask(count: rowCount)
            for row in missingRows { rows[row] = true }
            mask = rows
        }
        switch type {
        case .int: return Column(values: .int(ints), missingRows: mask)
        case .double: return Column(values: .double(doubles), missingRows: nil)
        case .string: return Column(values: .string(strings), missingRows: mask)
        case .timestamp: return Column(values: .timestamp(ints), missingRows: mask)
        case .bool: return Column(values: .bool(bools), missingRows: mask)
        }
    }
}
