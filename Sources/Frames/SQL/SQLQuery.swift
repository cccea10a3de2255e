import RecbookSupport

/// A SQL query over named tables, run by SQLite in an in-memory database that lives for one call.
///
/// The tables are made visible to SQLite as read-only virtual tables over their columns, so
/// nothing is copied and a table the query does not read costs nothing. Columns are declared
/// `INTEGER`, `REAL`, `TEXT`, `TIMESTAMP` (Unix seconds) or `BOOLEAN` (0 or 1); a missing value is
/// NULL. The query may only read: one `SELECT` (or `WITH … SELECT`, `VALUES`) statement.
///
/// The result's column types:
/// - a column taken straight from a table's column keeps that column's type (a timestamp comes
///   back a timestamp), as SQLite's declared type of the result column says;
/// - a computed column is an integer column if every value is an integer, else a double column if
///   every value is a number, else a string column (numbers written in shortest form); with no
///   values at all it is a double column;
/// - NULL is a missing value. A BLOB is refused: a table cannot hold one.
public struct SQLQuery: Sendable, Hashable {
    public var text: String

    public init(_ text: String) { self.text = text }

    /// The names the query uses (quoted or not), each with its offset in Unicode scalars: the
    /// tables it reads are among them, along with its columns, aliases and functions.
    public var names: [(name: String, offset: Int)] {
        sqlTokens(text).filter { $0.kind == .name }.map { ($0.text, $0.offset) }
    }

    /// The columns the query returns, found by preparing it against empty tables of these
    /// schemas without running it: each with its type where SQLite declares one (a column
    /// taken straight from a table), nil for a computed column, whose type the values decide.
    ///
    /// - Throws: ``SQLError`` when SQLite rejects the query.
    public func resultColumns(over tables: [(name: String, schema: TableSchema)]) throws -> [(name: String, type: ColumnType?)] {
        let frames = tables.map { (name: $0.name, frame: DataFrame(emptyWith: $0.schema)) }
        let columns = try SQLiteSession.describe(self, tables: frames)
        try Self.requireDistinctNames(columns.map(\.name))
        return columns
    }

    /// The result's schema when every column's type is known before running (see
    /// ``resultColumns(over:)``), else nil.
    ///
    /// - Throws: ``SQLError`` when SQLite rejects the query.
    public func resultSchema(over tables: [(name: String, schema: TableSchema)]) throws -> TableSchema? {
        var schema = TableSchema([])
        for column in try resultColumns(over: tables) {
            guard let type = column.type else { return nil }
            schema.columns.append(TableSchema.Column(column.name, type))
        }
        return schema
    }

    /// Runs the query and returns its result as a table.
    ///
    /// - Parameters:
    ///   - tables: the tables the query may read, by the names it uses for them.
    ///   - limits: how long it may run and how many rows it may return.
    /// - Throws: ``SQLError`` when SQLite rejects the query or it fails, runs past its time
    ///   budget or returns more rows than allowed.
    /// - Complexity: SQLite's; reading a table costs a call per row and column read.
    public func run(over tables: [(name: String, frame: DataFrame)], limits: SQLLimits = SQLLimits()) throws -> DataFrame {
        let result = try SQLiteSession.run(self, tables: tables, limits: limits)
        try Self.requireDistinctNames(result.map(\.name))
        return try DataFrame(names: result.map(\.name), columns: result.map(\.column))
    }

    /// A table needs distinct column names; SQLite's results need not have them.
    private static func requireDistinctNames(_ names: [String]) throws {
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            throw SQLError(
                "the result has two columns named '\(name)'; name one of them apart with AS",
                reason: .invalidQuery
            )
        }
    }
}

/// How much a query may cost.
public struct SQLLimits: Sendable, Hashable {
    /// Wall-clock seconds the query may run before SQLite is interrupted.
    public var seconds: Double
    /// The most rows the result may have; a query that returns more is refused.
    public var maxRows: Int

    public init(seconds: Double = 600, maxRows: Int = 10_000_000) {
        self.seconds = seconds
        self.maxRows = maxRows
    }
}

/// A query SQLite rejected, or one that failed or exceeded its limits.
public struct SQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// SQLite rejected the query before running it (a syntax error, an unknown column).
        case invalidQuery
        /// The query names a table that is not among the tables given.
        case unknownTable(String)
        /// It failed while running.
        case failed
        /// It ran past its time budget and was interrupted.
        case timeBudgetExceeded
        /// Its result has more rows than the limit.
        case rowLimitExceeded
    }

    public var message: String
    public var reason: Reason
    /// Where in the query the problem is, in Unicode scalars from its start, when SQLite says.
    public var offset: Int?

    public init(_ message: String, reason: Reason, offset: Int? = nil) {
        self.message = message
        self.reason = reason
        self.offset = offset
    }

    public var description: String { message }
}

extension DataFrame {
    /// A table with the columns of `schema` and no rows.
    init(emptyWith schema: TableSchema) {
        self.init()
        for column in schema.columns {
            let values: Column.Values
            switch column.type {
            case .int: values = .int([])
            case .double: values = .double([])
            case .string: values = .string([])
            case .timestamp: values = .timestamp([])
            case .bool: values = .bool([])
            }
            // Names in a schema are distinct, as a table's are; a clash would only drop a column.
            try? setColumn(column.name, Column(values: values, missingRows: nil))
        }
    }
}

/// Collects one result column's values as SQLite returns them, each row's value of whatever
/// type, into the narrowest column type that holds them all.
struct SQLResultColumnBuilder {
    private enum Kind { case int, double, string }

    private var kind = Kind.int
    /// Integer values; in a double column, kept beside the doubles so that a later string turns
    /// each back into the integer it was (`1`, not `1.0`).
    private var ints: [Int] = []
    private var doubles: [Double] = []
    private var strings: [String] = []
    /// In a double column, the rows that came as integers.
    private var integerRows = RowMask(count: 0)
    private var missing = RowMask(count: 0)
    private var hasMissing = false
    private var hasValues = false

    mutating func appendMissing() {
        switch kind {
        case .int: ints.append(0)
        case .double: ints.append(0); doubles.append(.nan); integerRows.append(false)
        case .string: strings.append("")
        }
        missing.append(true)
        hasMissing = true
    }

    mutating func append(_ value: Int) {
        switch kind {
        case .int: ints.append(value)
        case .double: ints.append(value); doubles.append(Double(value)); integerRows.append(true)
        case .string: strings.append(String(value))
        }
        appended()
    }

    mutating func append(_ value: Double) {
        if kind == .int { promote(to: .double) }
        switch kind {
        case .int, .double: ints.append(0); doubles.append(value); integerRows.append(false)
        case .string: strings.append(Format.shortest(value))
        }
        appended()
    }

    mutating func append(_ value: String) {
        if kind != .string { promote(to: .string) }
        strings.append(value)
        appended()
    }

    private mutating func appended() {
        missing.append(false)
        hasValues = true
    }

    /// Rewrites the values so far as `target`; missing rows keep their placeholder.
    private mutating func promote(to target: Kind) {
        switch (kind, target) {
        case (.int, .double):
            doubles = ints.indices.map { missing[$0] ? .nan : Double(ints[$0]) }
            integerRows = RowMask(count: 0)
            for row in ints.indices { integerRows.append(!missing[row]) }
        case (.int, .string):
            strings = ints.indices.map { missing[$0] ? "" : String(ints[$0]) }
        case (.double, .string):
            strings = doubles.indices.map { row in
                if missing[row] { return "" }
                return integerRows[row] ? String(ints[row]) : Format.shortest(doubles[row])
            }
        default:
            return
        }
        if target == .string {
            ints = []
            doubles = []
        }
        kind = target
    }

    /// The column, typed by its values, or by `declared` (SQLite's declared type of a column
    /// taken straight from a table) where the values allow it.
    func column(declared: ColumnType?) -> Column {
        let mask = hasMissing ? missing : nil
        guard hasValues else {
            // Nothing to go by but the declaration; a computed column is a column of numbers.
            return Column(values: Self.missingValues(declared ?? .double, count: missing.count), missingRows: mask)
        }
        switch kind {
        case .int:
            if declared == .timestamp { return Column(values: .timestamp(ints), missingRows: mask) }
            if declared == .bool, ints.allSatisfy({ $0 == 0 || $0 == 1 }) {
                return Column(values: .bool(ints.map { $0 == 1 }), missingRows: mask)
            }
            return Column(values: .int(ints), missingRows: mask)
        case .double:
            return Column(values: .double(doubles), missingRows: mask)
        case .string:
            return Column(values: .string(strings), missingRows: mask)
        }
    }

    /// `count` missing values of `type`.
    private static func missingValues(_ type: ColumnType, count: Int) -> Column.Values {
        switch type {
        case .int: return .int(Array(repeating: 0, count: count))
        case .double: return .double(Array(repeating: .nan, count: count))
        case .string: return .string(Array(repeating: "", count: count))
        case .timestamp: return .timestamp(Array(repeating: 0, count: count))
        case .bool: return .bool(Array(repeating: false, count: count))
        }
    }
}
