import Frames
import NotebookCore
import Outputs

/// The original's two sanity checks: duplicated rows and missing values per column.
struct InspectStep: Step {
    static let name = "inspect"
    static let category = "Data"
    static let summary = "Count duplicated rows and missing values per column."
    static let discussion = """
    A row counts as duplicated when it equals an earlier row in every column (pandas' \
    `duplicated().sum()`); missing values are counted per column (`isnull().sum()`).
    """
    static let example = "table: ratings"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to check."),
    ]

    var table = ValueRef()

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        context.print("Duplicate rows: \(frame.duplicateRowCount())")
        let nulls = frame.nullCounts()
        let output = TableOutput(
            hasIndex: true,
            columns: [TableOutput.Column("missing values", isNumeric: true)],
            rows: nulls.map { TableOutput.Row(label: $0.column, cells: [String($0.count)]) }
        )
        context.emit(.table(output))
        return nil
    }
}
