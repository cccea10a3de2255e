/// One named column's values, stored as a typed array.
///
/// Integer, string and timestamp columns mark rows without a value in ``missingRows`` (the stored
/// value there is a placeholder: 0 or ""). Double columns mark them with NaN, as pandas does, and
/// never carry a mask.
public struct Column: Sendable {
    /// The values, one typed array per column type.
    public enum Values: Sendable {
        case int([Int])
        case double([Double])
        /// Strings, one per row or dictionary-encoded (see ``StringValues``).
        case string(StringValues)
        /// Seconds since the Unix epoch.
        case timestamp([Int])
        case bool([Bool])

        /// A string column of one string per row.
        public static func string(_ strings: [String]) -> Values { .string(StringValues(strings)) }
    }

    public private(set) var values: Values
    /// Rows without a value; nil when every row has one (and always nil for double columns).
    public private(set) var missingRows: RowMask?

    /// Makes a column, normalising the missing-value marks: a double column's masked rows become
    /// NaN, other columns' masked rows hold the placeholder, and an empty mask becomes nil.
    init(values: Values, missingRows: RowMask?) {
        guard let mask = missingRows, !mask.isEmpty else {
            self.values = values
            self.missingRows = nil
            return
        }
        switch values {
        case .double(var doubles):
            for row in doubles.indices where mask[row] { doubles[row] = .nan }
            self.values = .double(doubles)
            self.missingRows = nil
        case .int(var ints):
            for row in ints.indices where mask[row] { ints[row] = 0 }
            self.values = .int(ints)
            self.missingRows = mask
        case .timestamp(var seconds):
            for row in seconds.indices where mask[row] { seconds[row] = 0 }
            self.values = .timestamp(seconds)
            self.missingRows = mask
        case let .string(strings):
            self.values = .string(strings.replacing(rows: mask, with: ""))
            self.missingRows = mask
        case .bool(var bools):
            for row in bools.indices where mask[row] { bools[row] = false }
            self.values = .bool(bools)
            self.missingRows = mask
        }
    }

    /// Builds a column from optionals; a nil is a missing value.
    private static func collecting<T>(
        _ optionals: [T?], placeholder: T, _ wrap: ([T]) -> Values
    ) -> Column {
        var mask = RowMask(count: optionals.count)
        var values: [T] = []
        values.reserveCapacity(optionals.count)
        for (row, value) in optionals.enumerated() {
            if let value { values.append(value) } else { values.append(placeholder); mask[row] = true }
        }
        return Column(values: wrap(values), missingRows: mask)
    }

    /// An integer column.
    public static func ints(_ values: [Int]) -> Column { Column(values: .int(values), missingRows: nil) }
    /// An integer column; nil marks a missing value.
    public static func ints(_ values: [Int?]) -> Column { collecting(values, placeholder: 0) { .int($0) } }
    /// A double column; NaN marks a missing value.
    public static func doubles(_ values: [Double]) -> Column { Column(values: .double(values), missingRows: nil) }
    /// A double column; nil marks a missing value (stored as NaN).
    public static func doubles(_ values: [Double?]) -> Column { .doubles(values.map { $0 ?? .nan }) }
    /// A string column.
    public static func strings(_ values: [String]) -> Column { Column(values: .string(values), missingRows: nil) }
    /// A string column; nil marks a missing value.
    public static func strings(_ values: [String?]) -> Column { collecting(values, placeholder: "") { .string($0) } }
    /// A timestamp column of seconds since the Unix epoch.
    public static func timestamps(_ values: [Int]) -> Column { Column(values: .timestamp(values), missingRows: nil) }
    /// A timestamp column; nil marks a missing value.
    public static func timestamps(_ values: [Int?]) -> Column {
        collecting(values, placeholder: 0) { .timestamp($0) }
    }
    /// A boolean column.
    public static func bools(_ values: [Bool]) -> Column { Column(values: .bool(values), missingRows: nil) }
    /// A boolean column; nil marks a missing value.
    public static func bools(_ values: [Bool?]) -> Column { collecting(values, placeholder: false) { .bool($0) } }

    /// A column of `values` with the rows in `missing` marked as missing (nil for none). Masked
    /// rows are normalised: NaN in a double column, a placeholder elsewhere.
    public static func make(_ values: Values, missing: RowMask?) -> Column {
        Column(values: values, missingRows: missing)
    }

    /// The type of the column's values.
    public var type: ColumnType {
        switch values {
        case .int: return .int
        case .double: return .double
        case .string: return .string
        case .timestamp: return .timestamp
        case .bool: return .bool
        }
    }

    /// The number of rows.
    public var count: Int {
        switch values {
        case let .int(values), let .timestamp(values): return values.count
        case let .double(values): return values.count
        case let .string(values): return values.count
        case let .bool(values): return values.count
        }
    }

    /// Whether `row` has no value (a masked row, or NaN in a double column).
    public func isMissing(_ row: Int) -> Bool {
        if case let .double(values) = values { return values[row].isNaN }
        return missingRows?[row] ?? false
    }

    /// The number of rows without a value.
    ///
    /// - Complexity: O(*n*) for double columns, O(*n*/64) otherwise.
    public var missingCount: Int {
        if case let .double(values) = values { return values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }
        return missingRows?.setCount ?? 0
    }

    /// The value in `row`, as a preview cell.
    public func cell(_ row: Int) -> TableCell {
        if missingRows?[row] == true { return .missing }
        switch values {
        case let .int(values): return .int(values[row])
        case let .double(values): return values[row].isNaN ? .missing : .double(values[row])
        case let .string(values): return .string(values[row])
        case let .timestamp(values): return .timestamp(values[row])
        case let .bool(values): return .bool(values[row])
        }
    }

    /// The rows at `rows`, in that order.
    ///
    /// - Precondition: every index is in `0..<count`.
    /// - Complexity: O(`rows.count`).
    public func gathering(_ rows: [Int]) -> Column {
        var mask: RowMask?
        if let missingRows {
            var gathered = RowMask(count: rows.count)
            for (position, row) in rows.enumerated() where missingRows[row] { gathered[position] = true }
            mask = gathered
        }
        switch values {
        case let .int(values): return Column(values: .int(rows.map { values[$0] }), missingRows: mask)
        case let .double(values): return Column(values: .double(rows.map { values[$0] }), missingRows: nil)
        case let .string(values): return Column(values: .string(values.gathering(rows)), missingRows: mask)
        case let .timestamp(values): return Column(values: .timestamp(rows.map { values[$0] }), missingRows: mask)
        case let .bool(values): return Column(values: .bool(rows.map { values[$0] }), missingRows: mask)
        }
    }

    /// The rows at `rows`, where a negative index gives a missing value (an unmatched row of a left join).
    func gathering(optionalRows rows: [Int]) -> Column {
        var mask = RowMask(count: rows.count)
        for (position, row) in rows.enumerated() where row < 0 || missingRows?[row] == true {
            mask[position] = true
        }
        func pick<T>(_ values: [T], _ placeholder: T) -> [T] {
            rows.map { $0 < 0 ? placeholder : values[$0] }
        }
        switch values {
        case let .int(values): return Column(values: .int(pick(values, 0)), missingRows: mask)
        case let .double(values): return Column(values: .double(pick(values, .nan)), missingRows: nil)
        case let .string(values):
            return Column(values: .string(values.gathering(rows, placeholder: "")), missingRows: mask)
        case let .timestamp(values): return Column(values: .timestamp(pick(values, 0)), missingRows: mask)
        case let .bool(values): return Column(values: .bool(pick(values, false)), missingRows: mask)
        }
    }

    /// The same integers read as seconds since the Unix epoch, like pandas'
    /// `to_datetime(column, unit='s')`; nil unless this is an integer or timestamp column.
    public func asTimestamps() -> Column? {
        switch values {
        case let .int(values), let .timestamp(values):
            return Column(values: .timestamp(values), missingRows: missingRows)
        case .double, .string, .bool:
            return nil
        }
    }
}

extension Column: Equatable {
    /// Columns are equal when they have the same type and the same values, a missing value being
    /// equal to a missing value (NaN to NaN).
    public static func == (lhs: Column, rhs: Column) -> Bool {
        guard lhs.missingRows == rhs.missingRows else { return false }
        switch (lhs.values, rhs.values) {
        case let (.int(a), .int(b)), let (.timestamp(a), .timestamp(b)):
            return a == b
        case let (.string(a), .string(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
        case let (.bool(a), .bool(b)):
            return a == b
        case let (.double(a), .double(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        default:
            return false
        }
    }
}
