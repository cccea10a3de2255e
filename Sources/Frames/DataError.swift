import RecbookSupport

/// A problem with a table, a delimited text file or a dataset directory.
///
/// Every message names where the problem is, so a reader can open the file and look.
///
/// **How files are named.** Errors about a file carry the name the caller gave the reader
/// (``CSVReader/read(contentsOf:file:columns:)`` defaults to the path as given). The MovieLens
/// loader names each file relative to the release directory (`ratings.csv`, `u.item`), because the
/// notebook names the directory itself; errors about the directory name it as given.
/// **How lines are counted.** A row's line is the 1-based physical line on which the row starts,
/// counting the header line as line 1 (a quoted field may continue on later lines).
public enum DataError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A file with a header line is empty: `ratings.csv: the file is empty; expected a header line`.
    case emptyFile(file: String)
    /// A column the reader needs is not in the header:
    /// `ratings.csv: missing column 'rating' (the header has userId, movieId, timestamp)`.
    case missingColumn(file: String, column: String, header: [String])
    /// A row with more or fewer fields than the header (or, without a header, the first row):
    /// `ratings.csv:5: expected 4 fields, found 3`.
    case wrongFieldCount(file: String, line: Int, expected: Int, found: Int)
    /// A field that does not hold what its column needs:
    /// `ratings.csv:17: column 'rating': expected a number, got 'abc'`.
    case invalidValue(file: String, line: Int, column: String, expected: ColumnType, found: String)
    /// A quoted field whose closing quote never comes:
    /// `movies.csv:12: unterminated quoted field; the file ends before its closing quote`.
    case unterminatedQuote(file: String, line: Int)
    /// Characters between a closing quote and the next separator:
    /// `movies.csv:3: field 2: unexpected text after the closing quote`.
    case textAfterClosingQuote(file: String, line: Int, field: Int)
    /// A field that is not valid in the file's required text encoding, at the line and
    /// character column of its first bad byte (`column` is empty for the header):
    /// `movies.csv:7:12: column 'title': the text is not valid UTF-8 (byte 0xE9)`.
    case undecodableText(file: String, line: Int, position: Int, column: String, byte: UInt8)
    /// A number that is infinite, or too large to hold: `data.csv:4: column 'x': expected a
    /// finite number, got 'inf'`. NaN is not one: pandas' `NaN` marks a missing value.
    case nonFiniteNumber(file: String, line: Int, column: String, found: String)
    /// A number outside what its column allows (a rating off the release's scale):
    /// `ratings.csv:9: column 'rating': 7 is outside the rating scale 0.5 to 5 in half stars`.
    case valueOutOfRange(file: String, line: Int, column: String, found: String, allowed: String)
    /// A table that must have rows has none: `ratings.csv: has a header but no ratings`.
    case noRows(file: String, rows: String, hasHeader: Bool)
    /// A row longer than ``CSVLimits/maxRecordBytes``: `big.csv:3: the row is longer than 16 MiB …`.
    case recordTooLong(file: String, line: Int, limit: Int)
    /// A row with more fields than ``CSVLimits/maxFields``.
    case tooManyFields(file: String, line: Int, limit: Int)
    /// Column names given for a file whose header has another number of columns.
    case wrongNameCount(file: String, names: Int, header: [String])
    /// A file that cannot be read at all: `cannot read 'data/ratings.csv': no such file`.
    case unreadableFile(path: String, reason: String)
    /// A separator that cannot delimit fields (empty, or holding a quote or a line break).
    case invalidSeparator(String)

    /// The dataset directory is absent.
    case missingDatasetDirectory(path: String)
    /// The dataset directory holds none of the files of a known MovieLens layout.
    /// `subdirectory` names a subdirectory that does hold one, when there is exactly one such.
    case unrecognizedDataset(path: String, lookedFor: [String], subdirectory: String?)
    /// A release lacks a file its layout needs for the requested table.
    case missingDatasetFile(directory: String, file: String)

    /// A table has no column of that name.
    case noSuchColumn(name: String, available: [String])
    /// A column holds values of another type than an operation needs.
    case columnTypeMismatch(column: String, actual: ColumnType, expected: [ColumnType])
    /// A column has missing values where an operation needs every row to have one.
    case missingValues(column: String, count: Int)
    /// A column's length differs from the table's row count.
    case columnLengthMismatch(column: String, count: Int, rowCount: Int)
    /// Two columns share a name.
    case duplicateColumnName(String)
    /// A number being written that no reader would read back (an infinity); `row` is 1-based.
    case nonFiniteValue(column: String, row: Int)
    /// An integer result too large for 64 bits: `the sum of column 'n' overflows 64-bit integers`.
    case integerOverflow(column: String, operation: String)
    /// An operation's argument does not fit the data it is applied to (a sample larger than the
    /// table, bins too narrow for the range of values); the message says what and why.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .emptyFile(file):
            return "\(file): the file is empty; expected a header line"
        case let .missingColumn(file, column, header):
            return "\(file): missing column '\(column)' (the header has \(header.joined(separator: ", ")))"
        case let .wrongFieldCount(file, line, expected, found):
            return "\(file):\(line): expected \(Self.counted(expected, "field")), found \(found)"
        case let .invalidValue(file, line, column, expected, found):
            let got = found.isEmpty ? "an empty field" : "'\(Self.abbreviated(found))'"
            let wanted = expected == .timestamp
                ? "a timestamp (Unix seconds, or an ISO-8601 date or date-time such as 2015-03-01 12:30:00)"
                : expected.singularPhrase
            return "\(file):\(line): column '\(column)': expected \(wanted), got \(got)"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): unterminated quoted field; the file ends before its closing quote"
        case let .textAfterClosingQuote(file, line, field):
            return "\(file):\(line): field \(field): unexpected text after the closing quote"
        case let .undecodableText(file, line, position, column, byte):
            let hex = String(byte, radix: 16, uppercase: true)
            let what = column.isEmpty ? "the header" : "column '\(column)': the text"
            return "\(file):\(line):\(position): \(what) is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); "
                + "give the file's encoding (for example latin-1) if it is not UTF-8"
        case let .nonFiniteNumber(file, line, column, found):
            return "\(file):\(line): column '\(column)': expected a finite number, got '\(Self.abbreviated(found))'"
        case let .valueOutOfRange(file, line, column, found, allowed):
            return "\(file):\(line): column '\(column)': \(Self.abbreviated(found)) is outside \(allowed)"
        case let .noRows(file, rows, hasHeader):
            return hasHeader ? "\(file): has a header but no \(rows)" : "\(file): the file holds no \(rows)"
        case let .recordTooLong(file, line, limit):
            return "\(file):\(line): the row that starts here is longer than \(Self.bytes(limit)), "
                + "the most a row may hold; is this a delimited text file?"
        case let .tooManyFields(file, line, limit):
            return "\(file):\(line): the row has more than \(Self.counted(limit, "field")), the most a row may hold; "
                + "is the delimiter right?"
        case let .wrongNameCount(file, names, header):
            return "\(file): \(Self.counted(names, "column name")) given for \(Self.counted(header.count, "column")) "
                + "(the header has \(header.joined(separator: ", ")))"
        case let .unreadableFile(path, reason):
            return "cannot read '\(path)': \(reason)"
        case let .invalidSeparator(separator):
            return "invalid separator '\(separator)': a separator must be non-empty and hold no quote or line break"

        case let .missingDatasetDirectory(path):
            return "dataset directory '\(path)' does not exist; download a MovieLens release with "
                + "'recbook fetch ml-latest-small' and pass --param data=<dir>"
        case let .unrecognizedDataset(path, lookedFor, subdirectory):
            var message = "dataset directory '\(path)' holds no MovieLens files "
                + "(looked for \(lookedFor.joined(separator: ", ")))"
            if let subdirectory {
                message += "; its subdirectory '\(subdirectory)' has them: "
                    + "pass --param data=\(Self.joinedPath(path, subdirectory))"
            }
            return message
        case let .missingDatasetFile(directory, file):
            return "dataset directory '\(directory)' has no \(file), which its MovieLens layout needs"

        case let .noSuchColumn(name, available):
            var message = "no column named '\(name)'"
            if let suggestion = Suggestions.bestMatch(for: name, in: available) {
                message += "; did you mean '\(suggestion)'?"
            }
            let list = available.isEmpty ? "no columns" : available.joined(separator: ", ")
            return message + " (the table has \(list))"
        case let .columnTypeMismatch(column, actual, expected):
            let wanted = expected.map(\.pluralName).joined(separator: " or ")
            return "column '\(column)' holds \(actual.pluralName); expected \(wanted)"
        case let .missingValues(column, count):
            return "column '\(column)' has \(Self.counted(count, "missing value")); expected a value in every row"
        case let .columnLengthMismatch(column, count, rowCount):
            return "column '\(column)' has \(Self.counted(count, "value")); the table has \(Self.counted(rowCount, "row"))"
        case let .duplicateColumnName(name):
            return "duplicate column name '\(name)'"
        case let .nonFiniteValue(column, row):
            return "column '\(column)' holds an infinite number in row \(row), which CSV and JSON cannot hold "
                + "so that it reads back; filter it out or replace it first"
        case let .integerOverflow(column, operation):
            return "the \(operation) of column '\(column)' overflows 64-bit integers"
        case let .invalidArgument(message):
            return message
        }
    }

    /// "1 field", "4 fields".
    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// "16 MiB", "8 GiB": a limit in binary units.
    static func bytes(_ count: Int) -> String {
        if count >= 1 << 30, count % (1 << 30) == 0 { return "\(count >> 30) GiB" }
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return counted(count, "byte")
    }

    /// Long field contents are cut so that one bad field cannot flood the message, and control
    /// characters are spelt out (`\0`, `\u{1B}`) so that they cannot garble the terminal.
    private static func abbreviated(_ text: String) -> String {
        let limit = 60
        let cut = text.count <= limit ? text : String(text.prefix(limit)) + "…"
        guard cut.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return cut }
        var shown = ""
        for scalar in cut.unicodeScalars {
            switch scalar {
            case "\0": shown += "\\0"
            case "\t": shown += "\\t"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private static func joinedPath(_ directory: String, _ child: String) -> String {
        directory.hasSuffix("/") ? directory + child : directory + "/" + child
    }
}
