import Foundation

/// Reads delimited text (CSV, TSV, MovieLens' `::` files) into a ``DataFrame``.
///
/// The reader works on the file's bytes: it splits fields in place and parses integers and
/// doubles from the bytes, making strings only for string columns. Quoting follows RFC 4180
/// (see ``CSVFormat/quoting``); line ends may be LF, CRLF or CR; a UTF-8 byte order mark is
/// skipped; empty lines are skipped. An empty field is a missing value; in numeric columns so
/// are pandas' markers such as `NaN` and `NA`.
///
/// Errors name the file as the caller gives it and the 1-based line on which the offending row
/// starts (see ``DataError``).
public struct CSVReader: Sendable {
    public var format: CSVFormat

    public init(format: CSVFormat = .csv) {
        self.format = format
    }

    /// Reads the file at `url`.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - file: how messages name the file; the path as given by default.
    ///   - columns: the columns to read and their types; nil reads every column and infers its
    ///     type as pandas does (integers, else numbers, else strings).
    /// - Returns: the table, its columns in the order of `columns`.
    /// - Throws: ``DataError``.
    /// - Complexity: O(*n*) in the file's size.
    public func read(contentsOf url: URL, file: String? = nil, columns: [CSVColumn]? = nil) throws -> DataFrame {
        let data = try Self.contents(of: url)
        return try read(data, file: file ?? url.relativePath, columns: columns)
    }

    /// Reads delimited text from `data`; see ``read(contentsOf:file:columns:)``.
    public func read(_ data: Data, file: String, columns: [CSVColumn]? = nil) throws -> DataFrame {
        try data.withUnsafeBytes { try read(bytes: $0, file: file, columns: columns) }
    }

    /// Reads delimited text from raw bytes; see ``read(contentsOf:file:columns:)``.
    public func read(bytes: UnsafeRawBufferPointer, file: String, columns: [CSVColumn]? = nil) throws -> DataFrame {
        let separator = Array(format.separator.utf8)
        guard !separator.isEmpty,
              !separator.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { throw DataError.invalidSeparator(format.separator) }
        let buffer = bytes.bindMemory(to: UInt8.self)
        let hasByteOrderMark = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
        var parse = TableParse(
            bytes: buffer, start: hasByteOrderMark ? 3 : 0, separator: separator, format: format,
            file: file, latin1: format.encoding == .latin1, mayFallBack: format.encoding == .utf8OrLatin1
        )
        do {
            return try parse.run(columns: columns)
        } catch is TableParse.FallBackToLatin1 {
            parse = TableParse(
                bytes: buffer, start: hasByteOrderMark ? 3 : 0, separator: separator, format: format,
                file: file, latin1: true, mayFallBack: false
            )
            return try parse.run(columns: columns)
        }
    }

    /// The file's bytes, memory-mapped where the system allows.
    static func contents(of url: URL) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError.unreadableFile(path: url.relativePath, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw DataError.unreadableFile(path: url.relativePath, reason: "it is a directory")
        }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw DataError.unreadableFile(path: url.relativePath, reason: error.localizedDescription)
        }
    }
}

/// One pass of reading a table from bytes.
private struct TableParse {
    /// Thrown when a field is not UTF-8 and the format allows reading the file as Latin-1 instead.
    struct FallBackToLatin1: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let separator: [UInt8]
    let format: CSVFormat
    let file: String
    let mayFallBack: Bool
    var decoder: FieldDecoder

    init(
        bytes: UnsafeBufferPointer<UInt8>, start: Int, separator: [UInt8], format: CSVFormat,
        file: String, latin1: Bool, mayFallBack: Bool
    ) {
        self.bytes = bytes
        self.start = start
        self.separator = separator
        self.format = format
        self.file = file
        self.mayFallBack = mayFallBack
        self.decoder = FieldDecoder(latin1: latin1)
    }

    mutating func run(columns requested: [CSVColumn]?) throws -> DataFrame {
        var scanner = CSVScanner(bytes: bytes, start: start, separator: separator, quoting: format.quoting, file: file)
        var header: [String]?
        var headerLine = 0
        if format.hasHeader {
            guard try scanner.nextRecord() else { throw DataError.emptyFile(file: file) }
            headerLine = scanner.recordLine
            header = try (0..<scanner.fieldCount).map { field in
                try string(scanner.field(field), line: headerLine, column: "field \(field + 1) of the header")
            }
        }
        let columns: [CSVColumn]
        if let requested {
            columns = requested
        } else {
            var probe = scanner
            columns = try inferColumns(&probe, header: header)
        }
        let fieldOfColumn = try columns.enumerated().map { position, column in
            try fieldIndex(of: column, at: position, header: header)
        }
        let neededFieldCount = (fieldOfColumn.max() ?? -1) + 1
        if let header, neededFieldCount > header.count {
            throw DataError.wrongFieldCount(file: file, line: headerLine, expected: neededFieldCount, found: header.count)
        }
        var builders = columns.map(ColumnBuilder.init)
        var expectedFieldCount = header?.count
        var rows = 0
        while try scanner.nextRecord() {
            let fieldCount = scanner.fieldCount
            if let expected = expectedFieldCount {
                guard fieldCount == expected else {
                    throw DataError.wrongFieldCount(file: file, line: scanner.recordLine, expected: expected, found: fieldCount)
                }
            } else {
                guard fieldCount >= neededFieldCount else {
                    throw DataError.wrongFieldCount(
                        file: file, line: scanner.recordLine, expected: neededFieldCount, found: fieldCount
                    )
                }
                expectedFieldCount = fieldCount
            }
            if rows == 0 {
                // Reserve for as many rows as the rest of the file holds at the first row's length.
                let length = max(scanner.position - scanner.recordStart, 1)
                let estimate = min(scanner.remainingBytes / length + 1, 1 << 28)
                for index in builders.indices { builders[index].reserve(estimate + 1) }
            }
            for index in fieldOfColumn.indices {
                try append(scanner.field(fieldOfColumn[index]), to: &builders[index], line: scanner.recordLine, row: rows)
            }
            rows += 1
        }
        return try DataFrame(names: columns.map(\.name), columns: builders.map { $0.build(rowCount: rows) })
    }

    /// Where `column` lies in each row: its explicit field, its header name, or its position.
    private func fieldIndex(of column: CSVColumn, at position: Int, header: [String]?) throws -> Int {
        if let field = column.field { return field }
        guard let header else { return position }
        guard let index = header.firstIndex(of: column.name) else {
            throw DataError.missingColumn(file: file, column: column.name, header: header)
        }
        return index
    }

    private mutating func string(_ span: FieldSpan, line: Int, column: String) throws -> String {
        do {
            return try decoder.string(bytes, span)
        } catch {
            if mayFallBack { throw FallBackToLatin1() }
            throw DataError.undecodableText(file: file, line: line, column: column)
        }
    }

    private mutating func append(_ span: FieldSpan, to builder: inout ColumnBuilder, line: Int, row: Int) throws {
        let type = builder.type
        if type == .string {
            let text = try string(span, line: line, column: builder.name)
            if text.isEmpty {
                guard builder.allowsMissing else {
                    throw DataError.invalidValue(file: file, line: line, column: builder.name, expected: .string, found: "")
                }
                builder.appendMissing(row: row)
            } else {
                builder.strings.append(text)
            }
            return
        }
        let (start, end) = FieldParsing.trimmed(bytes, span.start, span.end)
        if !span.hasEscapedQuotes {
            switch type {
            case .int, .timestamp:
                if let value = FieldParsing.parseInt(bytes, start, end) {
                    builder.ints.append(value)
                    return
                }
            case .double:
                if let value = FieldParsing.parseDouble(bytes, start, end), !value.isNaN {
                    builder.doubles.append(value)
                    return
                }
            case .bool:
                if let value = FieldParsing.parseBool(bytes, start, end) {
                    builder.bools.append(value)
                    return
                }
            case .string:
                break
            }
            if builder.allowsMissing, FieldParsing.isMissingMarker(bytes, start, end) {
                builder.appendMissing(row: row)
                return
            }
        }
        throw DataError.invalidValue(
            file: file, line: line, column: builder.name, expected: type,
            found: start == end ? "" : decoder.lenientString(bytes, span)
        )
    }

    /// Reads the remaining rows once to choose each column's type as pandas does: integers if
    /// every present value is one, else numbers if every present value is one, else strings.
    private mutating func inferColumns(_ scanner: inout CSVScanner, header: [String]?) throws -> [CSVColumn] {
        var fieldCount = header?.count
        var couldBeInt: [Bool] = []
        var couldBeDouble: [Bool] = []
        var sawValue: [Bool] = []
        while try scanner.nextRecord() {
            if fieldCount == nil { fieldCount = scanner.fieldCount }
            guard scanner.fieldCount == fieldCount else {
                throw DataError.wrongFieldCount(file: file, line: scanner.recordLine, expected: fieldCount ?? 0, found: scanner.fieldCount)
            }
            if couldBeInt.isEmpty {
                couldBeInt = Array(repeating: true, count: scanner.fieldCount)
                couldBeDouble = couldBeInt
                sawValue = Array(repeating: false, count: scanner.fieldCount)
            }
            for index in 0..<scanner.fieldCount where couldBeDouble[index] {
                let span = scanner.field(index)
                let (start, end) = FieldParsing.trimmed(bytes, span.start, span.end)
                if span.hasEscapedQuotes {
                    couldBeInt[index] = false
                    couldBeDouble[index] = false
                    sawValue[index] = true
                } else if start == end {
                    continue
                } else if couldBeInt[index], FieldParsing.parseInt(bytes, start, end) != nil {
                    sawValue[index] = true
                } else if FieldParsing.parseDouble(bytes, start, end) != nil {
                    couldBeInt[index] = false
                    sawValue[index] = true
                } else if !FieldParsing.isMissingMarker(bytes, start, end) {
                    couldBeInt[index] = false
                    couldBeDouble[index] = false
                    sawValue[index] = true
                }
            }
        }
        let count = fieldCount ?? 0
        let names = Self.uniqueNames(header ?? (0..<count).map(String.init))
        return (0..<count).map { index in
            let type: ColumnType
            if index >= couldBeInt.count || !sawValue[index] {
                type = .double  // pandas reads a column of nothing but missing values as float64 NaN
            } else {
                type = couldBeInt[index] ? .int : couldBeDouble[index] ? .double : .string
            }
            return CSVColumn(names[index], type, field: index)
        }
    }

    /// Header names made unique and non-empty the way pandas does: `x`, `x.1`, `Unnamed: 2`.
    private static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { index, name in
            let base = name.isEmpty ? "Unnamed: \(index)" : name
            var candidate = base
            var suffix = 1
            while used.contains(candidate) {
                candidate = "\(base).\(suffix)"
                suffix += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}

/// Collects one column's values while reading.
private struct ColumnBuilder {
    let name: String
    let type: ColumnType
    let allowsMissing: Bool
    var ints: [Int] = []
    var doubles: [Double] = []
    var strings: [String] = []
    var bools: [Bool] = []
    var missingRows: [Int] = []

    init(_ column: CSVColumn) {
        name = column.name
        type = column.type
        allowsMissing = column.allowsMissing
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
