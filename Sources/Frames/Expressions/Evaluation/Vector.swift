/// The value of a sub-expression for every row of a table, in typed storage.
///
/// Rows without a value are marked in ``nulls``, except in doubles, which mark them with NaN as
/// their columns do. The slot of a missing row may hold anything, except that a boolean's bit is
/// always clear there, so that a filter can take the bits as they are.
struct Vector: Sendable {
    enum Values: Sendable {
        case int(Lane<Int>)
        case double(Lane<Double>)
        case string(Lane<String>)
        /// Seconds since the Unix epoch.
        case timestamp(Lane<Int>)
        case bool(BoolLane)
        /// No row has a value (the literal `null`, or something computed from it).
        case null
    }

    private(set) var values: Values
    /// Rows without a value, beyond NaN in doubles; nil when there are none.
    private(set) var nulls: RowMask?

    static let null = Vector(values: .null, nulls: nil)

    static func int(_ lane: Lane<Int>, nulls: RowMask? = nil) -> Vector { Vector(values: .int(lane), nulls: nulls) }
    static func string(_ lane: Lane<String>, nulls: RowMask? = nil) -> Vector { Vector(values: .string(lane), nulls: nulls) }
    static func timestamp(_ lane: Lane<Int>, nulls: RowMask? = nil) -> Vector { Vector(values: .timestamp(lane), nulls: nulls) }

    /// Doubles; a constant NaN is no value at all. Missing rows become NaN.
    static func double(_ lane: Lane<Double>, nulls: RowMask? = nil) -> Vector {
        switch lane {
        case let .constant(value): return value.isNaN ? .null : Vector(values: .double(lane), nulls: nil)
        case var .rows(values):
            if let nulls {
                for row in nulls.setRows() { values[row] = .nan }
            }
            return Vector(values: .double(.rows(values)), nulls: nil)
        }
    }

    /// Booleans, their bits cleared in the missing rows.
    static func bool(_ lane: BoolLane, nulls: RowMask?, count: Int) -> Vector {
        guard let nulls else { return Vector(values: .bool(lane), nulls: nil) }
        return Vector(values: .bool(.rows(lane.materialised(count).subtracting(nulls))), nulls: nulls)
    }

    /// A column's values, sharing its storage.
    init(_ column: Column) {
        nulls = column.missingRows
        switch column.values {
        case let .int(values): self.values = .int(.rows(values))
        case let .double(values): self.values = .double(.rows(values))
        case let .string(values): self.values = .string(.rows(values.array))
        case let .timestamp(values): self.values = .timestamp(.rows(values))
        case let .bool(values):
            self.values = .bool(.rows(values.withUnsafeBufferPointer { flags in RowMask.packing(flags.count) { flags[$0] } }))
        }
    }

    private init(values: Values, nulls: RowMask?) {
        self.values = values
        self.nulls = nulls
    }

    /// Integers or timestamps, as seconds.
    var ints: Lane<Int>? {
        switch values {
        case let .int(lane), let .timestamp(lane): return lane
        default: return nil
        }
    }

    /// Doubles, integers converted.
    var doubles: Lane<Double>? {
        switch values {
        case let .double(lane): return lane
        case let .int(lane): return map(lane) { Double($0) }
        default: return nil
        }
    }

    var strings: Lane<String>? {
        if case let .string(lane) = values { return lane }
        return nil
    }

    var bools: BoolLane? {
        if case let .bool(lane) = values { return lane }
        return nil
    }

    /// Every row without a value: the mask, NaN in doubles, every row of `null`.
    func missing(_ count: Int) -> RowMask? {
        switch values {
        case .null: return count == 0 ? nil : .all(count)
        case .double(.constant): return nil
        case let .double(.rows(values)):
            return values.withUnsafeBufferPointer { x in RowMask.packing(count) { x[$0].isNaN } }.nilIfEmpty
        default: return nulls
        }
    }

    /// The values as a column of `type`, `count` rows long.
    func column(_ type: ExpressionType, count: Int) -> Column {
        switch values {
        case let .int(lane): return .make(.int(lane.materialised(count)), missing: nulls)
        case let .double(lane): return .make(.double(lane.materialised(count)), missing: nil)
        case let .string(lane): return .make(.string(lane.materialised(count)), missing: nulls)
        case let .timestamp(lane): return .make(.timestamp(lane.materialised(count)), missing: nulls)
        case let .bool(lane):
            let bits = lane.materialised(count)
            return .make(.bool((0..<count).map { bits[$0] }), missing: nulls)
        case .null:
            return Self.nullColumn(type.columnType, count: count)
        }
    }

    private static func nullColumn(_ type: ColumnType, count: Int) -> Column {
        let all = RowMask.all(count)
        switch type {
        case .int: return .make(.int([Int](repeating: 0, count: count)), missing: all)
        case .double: return .make(.double([Double](repeating: .nan, count: count)), missing: nil)
        case .string: return .make(.string([String](repeating: "", count: count)), missing: all)
        case .timestamp: return .make(.timestamp([Int](repeating: 0, count: count)), missing: all)
        case .bool: return .make(.bool([Bool](repeating: false, count: count)), missing: all)
        }
    }
}

/// What evaluating an expression sees: the table, and which rows' values will be used.
struct EvaluationScope {
    let frame: DataFrame
    var count: Int { frame.rowCount }
    /// The rows whose values are used, nil for all. A value that cannot be computed (an
    /// overflow, text that is not a number) raises an error only in these rows: the branch of
    /// `if_else` that a row does not take cannot fail for it.
    var active: RowMask?

    /// The column named `name`, as the checker saw it.
    func column(_ name: String, _ type: ExpressionType, at offset: Int) throws(ExpressionEvaluationError) -> Vector {
        guard let index = frame.columnIndex(name), ExpressionType(frame.columns[index].type) == type else {
            // The checker saw this table's schema; reaching here means it was checked against another.
            throw ExpressionEvaluationError("column '\(name)' is not the \(type) column the expression was checked against", at: offset, row: 0)
        }
        return Vector(frame.columns[index])
    }

    /// The first row that is used and has a value where `failed` is true.
    func firstFailure(nulls: RowMask?, _ failed: (Int) -> Bool) -> Int? {
        for row in 0..<count where failed(row) && !(nulls?[row] ?? false) && (active?[row] ?? true) {
            return row
        }
        return nil
    }

    /// Whether `row` is used.
    func isActive(_ row: Int) -> Bool { active?[row] ?? true }
}

/// Computes a sub-expression's value for every row.
typealias Kernel = @Sendable (EvaluationScope) throws(ExpressionEvaluationError) -> Vector
