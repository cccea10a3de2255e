import Frames
import NotebookCore

/// A table, as pandas would show it.
extension DataFrame: TabulatedMeasurements, TabularValue {
    public static var kind: ValueKind { .table }
    public static let measurementTable = MeasurementTable<DataFrame>([
        "rows": { Double($0.rowCount) },
        "columns": { Double($0.columnCount) },
    ])

    public var summary: String { "table \(rowCount) × \(columnCount)" }

    public var tabular: any TabularSource { self }

    /// `rows`, `columns`, and cells: `mean_rating[0]`, `genre[-1]` (numbers, or text for
    /// string cells; booleans as 1 and 0, timestamps as Unix seconds).
    public func measuredValue(_ name: String) -> MeasuredValue? {
        if let number = measurement(name) { return .number(number) }
        guard let (column, row) = CellReference.parse(name), let index = columnIndex(column) else { return nil }
        let position = row < 0 ? rowCount + row : row
        guard position >= 0, position < rowCount else { return nil }
        switch columns[index].cell(position) {
        case let .int(value), let .timestamp(value): return .number(Double(value))
        case let .double(value): return .number(value)
        case let .string(value): return .text(value)
        case let .bool(value): return .number(value ? 1 : 0)
        case .missing: return nil
        }
    }
}

/// A table cell named in an expectation: `COLUMN[ROW]`.
enum CellReference {
    static func parse(_ name: String) -> (column: String, row: Int)? {
        guard name.hasSuffix("]"), let open = name.lastIndex(of: "[") else { return nil }
        let column = String(name[..<open])
        guard !column.isEmpty, let row = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
        return (column, row)
    }
}

extension TableSchema {
    /// A cell of a column the table lacks cannot be tested.
    public func problem(withMeasurement name: String) -> String? {
        guard let (column, _) = CellReference.parse(name), !contains(column) else { return nil }
        return "'\(name)': " + unknownColumnMessage(column)
    }
}

/// A value that can be previewed as a table by `show`.
public protocol TabularValue: NotebookValue {
    var tabular: any TabularSource { get }
}
