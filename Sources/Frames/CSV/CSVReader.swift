import Foundation

/// Reads delimited text (CSV, TSV, MovieLens' `::` files) into a ``DataFrame``.
///
/// The reader works on the file's bytes: it splits fields in place and parses integers and
/// doubles from the bytes, making strings only for string columns. Quoting follows RFC 4180
/// (see ``CSVFormat/quoting``); line ends may be LF, CRLF or CR; a UTF-8 byte order mark is
/// skipped; empty lines are skipped. An empty field is a missing value; in columns of numbers,
/// booleans and timestamps so are pandas' markers such as `NaN` and `NA`, and in every column
/// the format's own ``CSVFormat/missingValues``. Numbers must be finite: `inf` and `1e400` are
/// errors, not values.
///
/// Errors name the file as the caller gives it and the 1-based line on which the offending row
/// starts (see ``DataError``). Files that are not regular files, and files, rows or field
/// counts beyond ``CSVLimits``, are refused before they are read.
///
/// On a machine of two cores or more, the rows of a large file are read in two halves at once
/// (see ``TableParse/readAllRows(_:into:layout:progress:)``), with the same result and the same
/// errors as one pass.
public struct CSVReader: Sendable {
    public var format: CSVFormat
    public var limits: CSVLimits
    /// How many bytes of rows make the reader read them in two halves on two threads; nil reads
    /// them in one pass. Tests lower it to read tiny files in halves.
    var minimumBytesForHalves: Int? = ProcessInfo.processInfo.activeProcessorCount > 1 ? 1 << 20 : nil
    /// Whether rows of plain numbers take the quick path (see ``PlainRowReader``).
    /// Tests turn it off to compare every table and error with the general path's.
    var readsPlainRowsQuickly = true

    public init(format: CSVFormat = .csv, limits: CSVLimits = .standard) {
        self.format = format
        self.limits = limits
    }

    /// Reads the file at `url`.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - file: how messages name the file; the path as given by default.
    ///   - columns: the columns to read and their types; nil reads every column and infers its
    ///     type as pandas does (integers, else numbers, else booleans, else strings).
    /// - Returns: the table, its columns in the order of `columns`.
    /// - Throws: ``DataError``.
    /// - Complexity: O(*n*) in the file's size.
    public func read(contentsOf url: URL, file: String? = nil, columns: [CSVColumn]? = nil) throws -> DataFrame {
        let name = file ?? url.relativePath
        return try read(Self.contents(of: url, file: name, limits: limits), file: name, columns: columns)
    }

    /// Reads the file at `url` as `options` say: names, declared types, a selection of columns
    /// and new names (see ``CSVTableOptions``).
    ///
    /// - Throws: ``DataError``.
    /// - Complexity: O(*n*) in the file's size; twice that when some column's type is inferred.
    public func read(contentsOf url: URL, file: String? = nil, options: CSVTableOptions) throws -> DataFrame {
        let name = file ?? url.relativePath
        return try read(Self.contents(of: url, file: name, limits: limits), file: name, options: options)
    }

    /// Reads delimited text from `data`; see ``read(contentsOf:file:columns:)``.
    public func read(_ data: Data, file: String, columns: [CSVColumn]? = nil) throws -> DataFrame {
        try data.withUnsafeBytes { try read(bytes: $0, file: file, columns: columns) }
    }

    /// Reads delimited text from `data`; see ``read(contentsOf:file:options:)``.
    public func read(_ data: Data, file: String, options: CSVTableOptions) throws -> DataFrame {
        try read(data, file: file, options: options, progress: { _, _, _ in })
    }

    /// Reads delimited text as `options` say, calling `progress` every 65,536 rows and at the
    /// end with the rows read, the bytes read and the bytes in all, for a live progress display.
    public func read(
        _ data: Data, file: String, options: CSVTableOptions,
        progress: (_ rows: Int, _ bytesRead: Int, _ totalBytes: Int) -> Void
    ) throws -> DataFrame {
        try data.withUnsafeBytes { bytes in
            try parse(bytes, file: file) { try $0.run(.options(options), progress: progress) }
        }
    }

    /// Reads delimited text from raw bytes; see ``read(contentsOf:file:columns:)``.
    public func read(bytes: UnsafeRawBufferPointer, file: String, columns: [CSVColumn]? = nil) throws -> DataFrame {
        try parse(bytes, file: file) { try $0.run(columns.map(ColumnRequest.explicit) ?? .options(CSVTableOptions())) }
    }

    /// The names the columns of the file in `data` go by: `names` when given (one per header
    /// column), else the header's made unique, else `0`, `1`, … — the names that
    /// ``CSVTableOptions/types`` and ``CSVTableOptions/columns`` refer to.
    ///
    /// - Throws: ``DataError``: an empty file with a header, a header that is not valid text,
    ///   or `names` of the wrong length.
    public func columnNames(_ data: Data, file: String, names: [String]? = nil) throws -> [String] {
        try data.withUnsafeBytes { bytes in
            try parse(bytes, file: file) { try $0.fileColumnNames(CSVTableOptions(names: names)) }
        }
    }

    /// The first bytes of the file at `url`, cut after its last whole row: enough to learn its
    /// columns and their likely types without reading all of it (see ``columnNames(_:file:names:)``
    /// and ``read(_:file:options:)``).
    ///
    /// - Parameter maxBytes: how much to read at most; the whole file when it is shorter.
    /// - Throws: ``DataError``: an unreadable file, or a malformed row among the first.
    public func sample(contentsOf url: URL, file: String, maxBytes: Int = 64 << 10) throws -> Data {
        let (prefix, isWhole) = try DataFile.prefix(of: url, path: file, maxBytes: maxBytes)
        if isWhole { return prefix }
        let end = try prefix.withUnsafeBytes { bytes in
            try parse(bytes, file: file) { try $0.endOfWholeRecords() }
        }
        return prefix.prefix(end)
    }

    /// The bytes of the file at `url`, memory-mapped; refuses anything but a regular file of at
    /// most ``CSVLimits/maxFileBytes``, without reading from it.
    ///
    /// - Parameter file: how messages name the file; the path as given by default.
    /// - Throws: ``DataError/unreadableFile(path:reason:)``.
    public static func contents(of url: URL, file: String? = nil, limits: CSVLimits = .standard) throws -> Data {
        try DataFile.contents(of: url, path: file ?? url.relativePath, maxBytes: limits.maxFileBytes)
    }

    /// The line on which each of `rows` starts (data rows numbered from 0, after any header), for
    /// messages about rows that are found wanting after the table is read (a repeated rating,
    /// say). Rows past the end are left out.
    ///
    /// - Throws: ``DataError`` as ``read(_:file:columns:)`` would for the same bytes.
    /// - Complexity: O(*n*) in the bytes up to the last row asked for.
    public func lines(ofRows rows: [Int], in data: Data, file: String) throws -> [Int: Int] {
        let wanted = Set(rows)
        guard let last = rows.max() else { return [:] }
        return try data.withUnsafeBytes { bytes in
            try parse(bytes, file: file) { parse in
                var scanner = parse.makeScanner()
                _ = try parse.readHeader(&scanner)
                var lines: [Int: Int] = [:], row = 0
                while row <= last, try scanner.nextRecord() {
                    if wanted.contains(row) { lines[row] = scanner.recordLine }
                    row += 1
                }
                return lines
            }
        }
    }

    /// Runs `body` on a parse of `bytes` in the format's encoding; with ``CSVFormat/Encoding/utf8OrLatin1``,
    /// runs it again reading the file as Latin-1 when a field is not UTF-8.
    private func parse<T>(_ bytes: UnsafeRawBufferPointer, file: String, _ body: (inout TableParse) throws -> T) throws -> T {
        let separator = Array(format.separator.utf8)
        guard !separator.isEmpty,
              !separator.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
        else { throw DataError.invalidSeparator(format.separator) }
        let buffer = bytes.bindMemory(to: UInt8.self)
        let hasByteOrderMark = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
        func makeParse(latin1: Bool, mayFallBack: Bool) -> TableParse {
            TableParse(
                bytes: buffer, start: hasByteOrderMark ? 3 : 0, separator: separator, format: format, limits: limits,
                file: file, latin1: latin1, mayFallBack: mayFallBack, minimumBytesForHalves: minimumBytesForHalves,
                readsPlainRowsQuickly: readsPlainRowsQuickly
            )
        }
        var parse = makeParse(latin1: format.encoding == .latin1, mayFallBack: format.encoding == .utf8OrLatin1)
        do {
            return try body(&parse)
        } catch is TableParse.FallBackToLatin1 {
            parse = makeParse(latin1: true, mayFallBack: false)
            return try body(&parse)
        }
    }
}

/// Which columns a parse reads.
enum ColumnRequest {
    /// Exactly these, found by field position, header name or position in the list.
    case explicit([CSVColumn])
    /// As the options say, inferring the types they do not declare.
    case options(CSVTableOptions)
}

/// One pass of reading a table from bytes.
struct TableParse {
    /// Thrown when a field is not UTF-8 and the format allows reading the file as Latin-1 instead.
    struct FallBackToLatin1: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    let start: Int
    let separator: [UInt8]
    let format: CSVFormat
    let limits: CSVLimits
    let file: String
    let mayFallBack: Bool
    let minimumBytesForHalves: Int?
    let readsPlainRowsQuickly: Bool
    /// The format's extra missing-value texts, as bytes (for numbers) and as text (for strings).
    let missingValueBytes: [[UInt8]]
    let missingValueTexts: Set<String>
    var decoder: FieldDecoder

    init(
        bytes: UnsafeBufferPointer<UInt8>, start: Int, separator: [UInt8], format: CSVFormat, limits: CSVLimits,
        file: String, latin1: Bool, mayFallBack: Bool, minimumBytesForHalves: Int? = nil, readsPlainRowsQuickly: Bool = true
    ) {
        self.bytes = bytes
        self.start = start
        self.separator = separator
        self.format = format
        self.limits = limits
        self.file = file
        self.mayFallBack = mayFallBack
        self.minimumBytesForHalves = minimumBytesForHalves
        self.readsPlainRowsQuickly = readsPlainRowsQuickly
        self.decoder = FieldDecoder(latin1: latin1)
        missingValueBytes = format.missingValues.map { Array($0.utf8) }
        missingValueTexts = Set(format.missingValues)
    }

    /// A scanner from the start of the text, or from `offset`, which must be where a record starts.
    func makeScanner(from offset: Int? = nil) -> CSVScanner {
        CSVScanner(bytes: bytes, start: offset ?? start, separator: separator, quoting: format.quoting, file: file, limits: limits)
    }

    /// Reads the header line, when the format has one: its names as written, and its line.
    mutating func readHeader(_ scanner: inout CSVScanner) throws -> (names: [String], line: Int)? {
        guard format.hasHeader else { return nil }
        guard try scanner.nextRecord() else { throw DataError.emptyFile(file: file) }
        let names = try (0..<scanner.fieldCount).map { field in
            try string(scanner.field(field), in: scanner, column: "")
        }
        return (names, scanner.recordLine)
    }

    mutating func run(_ request: ColumnRequest, progress: (Int, Int, Int) -> Void = { _, _, _ in }) throws -> DataFrame {
        var scanner = makeScanner()
        let header = try readHeader(&scanner)
        let columns: [CSVColumn]
        var expectedFieldCount = header?.names.count
        var renames: [String: String] = [:]
        switch request {
        case let .explicit(requested):
            columns = try requested.enumerated().map { position, column in
                var located = column
                located.field = try fieldIndex(of: column, at: position, header: header?.names)
                return located
            }
        case let .options(options):
            let names = try fileColumnNames(options, header: header?.names, scanner: scanner)
            columns = try resolveColumns(options, names: names, scanner: scanner)
            expectedFieldCount = names.count
            renames = options.rename
        }
        let neededFieldCount = (columns.map { $0.field ?? 0 }.max() ?? -1) + 1
        if let header, neededFieldCount > header.names.count {
            throw DataError.wrongFieldCount(file: file, line: header.line, expected: neededFieldCount, found: header.names.count)
        }
        let frame = try readRows(
            &scanner, columns: columns, expectedFieldCount: expectedFieldCount, neededFieldCount: neededFieldCount, progress: progress)
        return renames.isEmpty ? frame : try frame.renamingColumns(renames)
    }

    /// The file's column names under `options` (see ``CSVTableOptions/fileColumnNames(header:firstRowFieldCount:file:)``).
    mutating func fileColumnNames(_ options: CSVTableOptions) throws -> [String] {
        var scanner = makeScanner()
        let header = try readHeader(&scanner)
        return try fileColumnNames(options, header: header?.names, scanner: scanner)
    }

    private func fileColumnNames(_ options: CSVTableOptions, header: [String]?, scanner: CSVScanner) throws -> [String] {
        var firstRowFieldCount = 0
        if header == nil, options.names == nil {
            var probe = scanner
            if try probe.nextRecord() { firstRowFieldCount = probe.fieldCount }
        }
        return try options.fileColumnNames(header: header, firstRowFieldCount: firstRowFieldCount, file: file)
    }

    /// The columns `options` select, with declared types or, for the others, types inferred
    /// from every row.
    private mutating func resolveColumns(_ options: CSVTableOptions, names: [String], scanner: CSVScanner) throws -> [CSVColumn] {
        let selection = try options.selection(fileNames: names, file: file)
        let undeclared = selection.filter { $0.type == nil }.map(\.field)
        var inferred: [Int: ColumnType] = [:]
        if !undeclared.isEmpty {
            var probe = scanner
            inferred = try inferTypes(&probe, fields: undeclared, expectedFieldCount: names.count)
        }
        return selection.map { CSVColumn($0.name, $0.type ?? inferred[$0.field] ?? .double, field: $0.field) }
    }

    private mutating func readRows(
        _ scanner: inout CSVScanner, columns: [CSVColumn], expectedFieldCount: Int?, neededFieldCount: Int,
        progress: (Int, Int, Int) -> Void
    ) throws -> DataFrame {
        let layout = RowLayout(fieldOfColumn: columns.map { $0.field ?? 0 }, neededFieldCount: neededFieldCount)
        var batch = RowBatch(builders: columns.map(ColumnBuilder.init), fieldCount: expectedFieldCount)
        try readAllRows(&scanner, into: &batch, layout: layout, progress: progress)
        progress(batch.rows, bytes.count - start, bytes.count - start)
        return try DataFrame(names: columns.map(\.name), columns: batch.builders.map { $0.build(rowCount: batch.rows) })
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

    /// The offset just past the last row that is surely whole in bytes cut from a longer file:
    /// a row is whole when a line break ends it, and a quoted field the cut leaves open ends the
    /// rows read.
    mutating func endOfWholeRecords() throws -> Int {
        var scanner = makeScanner()
        var end = start
        do {
            while try scanner.nextRecord() {
                guard scanner.recordEndedWithLineBreak else { break }
                end = scanner.position
            }
        } catch let error as DataError {
            guard case .unterminatedQuote = error else { throw error }
        }
        return end
    }
}
