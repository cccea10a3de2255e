import CParsing

/// How a delimited text file is laid out.
public struct CSVFormat: Hashable, Sendable {
    /// How bytes become text.
    public enum Encoding: String, Hashable, Sendable {
        /// UTF-8 only; invalid bytes are an error.
        case utf8
        /// ISO 8859-1: every byte is the code point of the same value.
        case latin1
        /// UTF-8 when every field read is valid UTF-8, else the whole file as Latin-1. Old
        /// MovieLens releases (ml-100k, ml-1m) are Latin-1; newer ones are UTF-8.
        case utf8OrLatin1
    }

    /// The field separator: one or more bytes of text, such as `,`, `\t`, `|` or `::`.
    public var separator: String
    /// Whether the first line names the columns.
    public var hasHeader: Bool
    /// Whether fields may be quoted as RFC 4180 says: `"a, ""b"""` is the field `a, "b"`, and a
    /// quoted field may hold separators and line breaks. MovieLens' `.dat` and ml-100k files are
    /// not quoted: a quote there is an ordinary character.
    public var quoting: Bool
    public var encoding: Encoding
    /// Field texts that mean a missing value in every column, strings included, besides the
    /// empty field and (in columns of numbers, booleans and timestamps) pandas' markers such as
    /// `NA` and `NaN`. Compared with the field as written (numbers: without surrounding spaces).
    public var missingValues: [String]

    public init(
        separator: String = ",", hasHeader: Bool = true, quoting: Bool = true, encoding: Encoding = .utf8OrLatin1,
        missingValues: [String] = []
    ) {
        self.separator = separator
        self.hasHeader = hasHeader
        self.quoting = quoting
        self.encoding = encoding
        self.missingValues = missingValues
    }

    /// RFC 4180 comma-separated values with a header line.
    public static let csv = CSVFormat()
}

/// A column to read from a delimited file, and the type to read it as.
public struct CSVColumn: Hashable, Sendable {
    /// The column's name in the table read; with a header, also the header name to look for
    /// (unless `field` is given).
    public var name: String
    public var type: ColumnType
    /// The 0-based position of the field in each row. When nil, the field is found by `name` in
    /// the header, or, in a file without one, is the column's position in the list of columns.
    public var field: Int?
    /// Whether a row may leave the field empty (a missing value, as in pandas). When false, an
    /// empty field is an error naming its line.
    public var allowsMissing: Bool
    /// For a column of numbers: the values it may hold; any other is an error naming its line.
    public var allowedValues: NumericDomain?

    /// - Precondition: `field`, when given, is not negative.
    public init(
        _ name: String, _ type: ColumnType, field: Int? = nil, allowsMissing: Bool = true, allowedValues: NumericDomain? = nil
    ) {
        precondition((field ?? 0) >= 0, "field positions start at 0")
        self.name = name
        self.type = type
        self.field = field
        self.allowsMissing = allowsMissing
        self.allowedValues = allowedValues
    }
}

/// The numbers a column may hold: a closed range, optionally in steps from its lower end (a
/// rating scale of half stars).
public struct NumericDomain: Hashable, Sendable {
    public var lowest: Double
    public var highest: Double
    /// The spacing of allowed values from `lowest`; nil allows any value in the range.
    public var step: Double?
    /// How messages name the domain, after "7 is outside": "the release's rating scale (0.5 to 5 in half stars)".
    public var description: String

    public init(_ lowest: Double, _ highest: Double, step: Double? = nil, description: String) {
        self.lowest = lowest
        self.highest = highest
        self.step = step
        self.description = description
    }

    /// Whether `value` lies in the range and, with a step, on it (to within rounding: the
    /// number of steps from `lowest` within 10⁻⁹ of a whole one). `recbook_domain_contains`
    /// (CParsing) decides, for the CSV reader's general path and its plain rows alike.
    public func contains(_ value: Double) -> Bool {
        recbook_domain_contains(cDomain, value)
    }

    /// The domain as `recbook_domain_contains` takes it.
    var cDomain: recbook_numeric_domain {
        recbook_numeric_domain(lowest: lowest, highest: highest, step: step ?? 0, hasStep: step != nil)
    }
}
