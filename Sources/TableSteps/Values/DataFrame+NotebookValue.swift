import Frames
import NotebookCore

/// A table, as pandas would show it.
extension DataFrame: NotebookValue, TabularValue {
    public static var kind: ValueKind { .table }

    public var summary: String { "table \(rowCount) × \(columnCount)" }

    public func measurement(_ name: String) -> Double? {
        switch name {
        case "rows": return Double(rowCount)
        case "columns": return Double(columnCount)
        default: return nil
        }
    }

    public var tabular: any TabularSource { self }
}

/// A value that can be previewed as a table by `show`.
public protocol TabularValue: NotebookValue {
    var tabular: any TabularSource { get }
}
