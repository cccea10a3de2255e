/// A table of named, typed columns of equal length: recbook's counterpart of a pandas DataFrame.
///
/// Columns are stored as typed arrays (see ``Column``), so a 25-million-row ratings table costs
/// a few contiguous arrays, and copies share storage until one of them is changed.
public struct DataFrame: Sendable, Equatable {
    /// Column names, in order.
    public private(set) var columnNames: [String]
    /// Columns, in the order of ``columnNames``.
    public private(set) var columns: [Column]
    /// The number of rows.
    public private(set) var rowCount: Int

    /// A table with no columns and no rows.
    public init() {
        columnNames = []
        columns = []
        rowCount = 0
    }

    /// A table of the given columns, in order.
    ///
    /// - Throws: ``DataError/duplicateColumnName(_:)`` or ``DataError/columnLengthMismatch(column:count:rowCount:)``.
    public init(names: [String], columns: [Column]) throws {
        precondition(names.count == columns.count, "one name per column")
        self.init()
        for (name, column) in zip(names, columns) {
            guard !columnNames.contains(name) else { throw DataError.duplicateColumnName(name) }
            try append(name, column)
        }
    }

    /// A table from name–column pairs, in order: `try DataFrame(["userId": .ints([1, 2])])`.
    ///
    /// - Throws: ``DataError/duplicateColumnName(_:)`` or ``DataError/columnLengthMismatch(column:count:rowCount:)``.
    public init(_ columns: KeyValuePairs<String, Column>) throws {
        try self.init(names: columns.map(\.key), columns: columns.map(\.value))
    }

    /// The number of columns.
    public var columnCount: Int { columns.count }

    /// The position of the column named `name`, if there is one.
    public func columnIndex(_ name: String) -> Int? { columnNames.firstIndex(of: name) }

    /// The column named `name`.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``, which lists the table's columns and
    ///   suggests a close name.
    public func column(_ name: String) throws -> Column {
        guard let index = columnIndex(name) else {
            throw DataError.noSuchColumn(name: name, available: columnNames)
        }
        return columns[index]
    }

    /// Adds a column at the end, or replaces the column of the same name in place.
    ///
    /// - Throws: ``DataError/columnLengthMismatch(column:count:rowCount:)`` unless the column has
    ///   ``rowCount`` values (a column that replaces the table's only column may have any length).
    public mutating func setColumn(_ name: String, _ column: Column) throws {
        if let index = columnIndex(name) {
            guard column.count == rowCount || columns.count == 1 else {
                throw DataError.columnLengthMismatch(column: name, count: column.count, rowCount: rowCount)
            }
            columns[index] = column
            rowCount = column.count
        } else {
            try append(name, column)
        }
    }

    private mutating func append(_ name: String, _ column: Column) throws {
        if columns.isEmpty {
            rowCount = column.count
        } else if column.count != rowCount {
            throw DataError.columnLengthMismatch(column: name, count: column.count, rowCount: rowCount)
        }
        columnNames.append(name)
        columns.append(column)
    }

    /// The table without the named columns.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)`` for a name the table lacks.
    public func removingColumns(_ names: [String]) throws -> DataFrame {
        for name in names where columnIndex(name) == nil {
            throw DataError.noSuchColumn(name: name, available: columnNames)
        }
        let kept = columnNames.indices.filter { !names.contains(columnNames[$0]) }
        return subtable(columnPositions: kept)
    }

    /// The named columns, in the order given.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)`` or ``DataError/duplicateColumnName(_:)``.
    public func selecting(_ names: [String]) throws -> DataFrame {
        var positions: [Int] = []
        for name in names {
            guard let index = columnIndex(name) else {
                throw DataError.noSuchColumn(name: name, available: columnNames)
            }
            guard !positions.contains(index) else { throw DataError.duplicateColumnName(name) }
            positions.append(index)
        }
        return subtable(columnPositions: positions)
    }

    private func subtable(columnPositions positions: [Int]) -> DataFrame {
        var table = DataFrame()
        table.columnNames = positions.map { columnNames[$0] }
        table.columns = positions.map { columns[$0] }
        table.rowCount = positions.isEmpty ? 0 : rowCount
        return table
    }

    /// The table with columns renamed; names not in `renames` are kept.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)`` for an old name the table lacks, or
    ///   ``DataError/duplicateColumnName(_:)`` when two columns would share a name.
    public func renamingColumns(_ renames: [String: String]) throws -> DataFrame {
        for old in renames.keys.sorted() where columnIndex(old) == nil {
            throw DataError.noSuchColumn(name: old, available: columnNames)
        }
        return try DataFrame(names: columnNames.map { renames[$0] ?? $0 }, columns: columns)
    }

    /// The rows at `rows`, in that order (pandas `iloc[rows]`).
    ///
    /// - Precondition: every index is in `0..<rowCount`.
    /// - Complexity: O(`rows.count` × ``columnCount``).
    public func gatheringRows(_ rows: [Int]) -> DataFrame {
        var table = self
        table.columns = ColumnParallelism.map(columns, rows: rows.count) { $0.gathering(rows) }
        table.rowCount = columns.isEmpty ? 0 : rows.count
        return table
    }

    /// The first `count` rows (all of them when there are fewer).
    public func head(_ count: Int = 5) -> DataFrame {
        gatheringRows(Array(0..<min(max(count, 0), rowCount)))
    }

    /// The last `count` rows (all of them when there are fewer).
    public func tail(_ count: Int = 5) -> DataFrame {
        gatheringRows(Array(max(rowCount - max(count, 0), 0)..<rowCount))
    }
}

// MARK: - Typed column access

extension DataFrame {
    private func typedColumn(_ name: String, _ accepted: [ColumnType]) throws -> Column {
        let column = try column(name)
        guard accepted.contains(column.type) else {
            throw DataError.columnTypeMismatch(column: name, actual: column.type, expected: accepted)
        }
        return column
    }

    private func requireComplete(_ column: Column, _ name: String) throws {
        if let missing = column.missingRows {
            throw DataError.missingValues(column: name, count: missing.setCount)
        }
    }

    /// The integers of the column named `name`.
    ///
    /// - Throws: ``DataError`` when there is no such column, it is not an integer column, or a row
    ///   has no value (read ``column(_:)`` to handle missing values yourself).
    public func ints(_ name: String) throws -> [Int] {
        let column = try typedColumn(name, [.int])
        try requireComplete(column, name)
        guard case let .int(values) = column.values else { return [] }
        return values
    }

    /// The column named `name` as doubles: a double column as stored (NaN where missing), or an
    /// integer column converted (NaN where missing).
    ///
    /// - Throws: ``DataError`` when there is no such column or it holds strings or timestamps.
    public func doubles(_ name: String) throws -> [Double] {
        let column = try typedColumn(name, [.double, .int])
        switch column.values {
        case let .double(values):
            return values
        case let .int(values):
            guard let missing = column.missingRows else { return values.map(Double.init) }
            return values.indices.map { missing[$0] ? .nan : Double(values[$0]) }
        case .string, .timestamp, .bool:
            return []
        }
    }

    /// The strings of the column named `name`.
    ///
    /// - Throws: ``DataError`` when there is no such column, it is not a string column, or a row
    ///   has no value.
    public func strings(_ name: String) throws -> [String] {
        let column = try typedColumn(name, [.string])
        try requireComplete(column, name)
        guard case let .string(values) = column.values else { return [] }
        return values.array
    }

    /// The seconds since the Unix epoch of the column named `name`: a timestamp column, or an
    /// integer column read as Unix seconds (as MovieLens stores them before any conversion).
    ///
    /// - Throws: ``DataError`` when there is no such column, it holds neither timestamps nor
    ///   integers, or a row has no value.
    public func timestamps(_ name: String) throws -> [Int] {
        let column = try typedColumn(name, [.timestamp, .int])
        try requireComplete(column, name)
        switch column.values {
        case let .timestamp(values), let .int(values): return values
        default: return []
        }
    }

    /// Reads the integer column named `name` as seconds since the Unix epoch, like pandas'
    /// `df[name] = pd.to_datetime(df[name], unit='s')`. A timestamp column is left as it is.
    ///
    /// - Throws: ``DataError`` when there is no such column or it holds neither integers nor timestamps.
    public mutating func convertToTimestamps(_ name: String) throws {
        let column = try typedColumn(name, [.int, .timestamp])
        guard let converted = column.asTimestamps() else { return }
        try setColumn(name, converted)
    }
}
