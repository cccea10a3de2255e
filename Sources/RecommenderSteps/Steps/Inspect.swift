import Frames
import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// The original's two sanity checks: duplicated rows and missing values per column.
struct InspectStep: Step {
    static let name = "inspect"
    static let category = "Data"
    static let summary = "Count duplicated rows and missing values per column; measure a feature table's memory."
    static let discussion = """
    Checks:
    - `duplicates`: rows equal to an earlier row in every column (pandas' `duplicated().sum()`).
    - `nulls`: missing values per column (`isnull().sum()`).
    - `memory` (feature tables): the bytes the content features take kept once per movie, next \
    to what they take copied onto every rating row as the original does.
    """
    static let example = "table: ratings"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to check."),
        .parameter(\.checks, "checks", doc: "Which checks to run."),
    ]

    enum Check: String, ChoiceParameter { case duplicates, nulls, memory }

    var table = ValueRef()
    var checks: [Check] = [.duplicates, .nulls]

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let value = try context.value(table, as: (any FrameValue).self)
        let frame = value.frame
        if checks.contains(.duplicates) {
            context.print("Duplicate rows: \(frame.duplicateRowCount())")
        }
        if checks.contains(.nulls) {
            let nulls = frame.nullCounts()
            context.emit(.table(TableOutput(
                hasIndex: true,
                columns: [TableOutput.Column("missing values", isNumeric: true)],
                rows: nulls.map { TableOutput.Row(label: $0.column, cells: [String($0.count)]) }
            )))
        }
        if checks.contains(.memory) {
            guard let features = value as? FeatureTable else {
                throw StepError("check 'memory' needs a feature table; '\(table)' is \(value.kind.withArticle)")
            }
            let width = Int(features.measurement("features") ?? 0)
            let perMovie = features.movies.count * width * MemoryLayout<Double>.size
            let perRow = features.rows.rowCount * width * MemoryLayout<Double>.size
            func megabytes(_ bytes: Int) -> String { Format.fixed(Double(bytes) / 1_000_000, 1) }
            context.emit(.table(TableOutput(
                hasIndex: true,
                columns: [.init("rows", isNumeric: true), .init("features", isNumeric: true), .init("MB (8-byte floats)", isNumeric: true)],
                rows: [
                    .init(label: "per movie (recbook)", cells: [Format.grouped(features.movies.count), String(width), megabytes(perMovie)]),
                    .init(label: "per rating row (the original)", cells: [Format.grouped(features.rows.rowCount), String(width), megabytes(perRow)]),
                ]
            )))
            context.print("The per-row copy takes \(Format.fixed(Double(perRow) / Double(max(perMovie, 1)), 1))× the memory, and grows with the number of ratings instead of the number of movies.")
        }
        return nil
    }
}
