import Frames
import NotebookCore

/// The kinds of values the table steps pass between them.
extension ValueKind {
    /// Anything that can be previewed as a table.
    public static let tabular = ValueKind("tabular", doc: "Anything shown as a table: a table, a matrix, predicted ratings.")

    public static let table = ValueKind(
        "table", doc: "A table with named, typed columns (like a pandas DataFrame).",
        refines: [.tabular], measurements: DataFrame.measurementTable.names,
        indexedMeasurements: "COLUMN[ROW] (the cell in that column and row, counted from 0; negative rows count from the end)"
    )
}
