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
    /// A field that is not valid in the file's required text encoding:
    /// `movies.csv:7: column 'title': the text is not valid UTF-8`.
    case undecodableText(file: String, line: Int, column: String)
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
            return "\(file):\(line): column '\(column)': expected \(expected.singularPhrase), got \(got)"
        case let .unterminatedQuote(file, line):
            return "\(file):\(line): unterminated quoted field; the file ends before its closing quote"
        case let .textAfterClosingQuote(file, line, field):
            return "\(file):\(line): field \(field): unexpected text after the closing quote"
        case let .undecodableText(file, line, column):
            return "\(file):\(line): column '\(column)': the text is not valid UTF-8"
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

    /// Long field contents are cut so that one bad field cannot flood the message.
    private static func abbreviated(_ text: String) -> String {
        let limit = 60
        return text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }

    private static func joinedPath(_ directory: String, _ child: String) -> String {
        directory.hasSuffix("/") ? directory + child : directory + "/" + child
    }
}
