import Frames
import NotebookCore

/// Keeps the rows of a table where a condition holds, like `df[condition]` in pandas or SQL's
/// `WHERE`.
struct FilterStep: Step {
    static let name = "filter"
    static let category = "Table verbs"
    static let summary = "Keep the rows where a condition is true, like pandas' df[condition] or SQL's WHERE."
    static let discussion = """
    Rows keep their order. A row where the condition is false *or null* is dropped, as SQL's \
    `WHERE` and dplyr's `filter` drop it: `rating > 3` drops the rows without a rating, and so \
    does `not (rating > 3)`. The condition is checked against the table's columns before anything \
    runs.

    \(ExpressionLanguage.reference)
    """
    static let example = "table: ratings\nwhere: rating >= 4 and movieId < 1000\nas: liked"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to filter."),
        .parameter(\.condition, "where", doc: "The condition: an expression on the table's columns that is true or false.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var condition = ExpressionParameter()
    var preview: Preview = .table

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        guard let schema = context.shape(of: table, as: TableSchema.self) else { return nil }
        _ = condition.checked(against: schema, context, as: .condition)
        return schema
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        let checked = try condition.checked(against: frame.schema, in: context, as: .condition)
        let kept = try condition.evaluating { () throws(ExpressionEvaluationError) in try frame.filtered(by: checked) }
        if let output = preview.output(kept) { context.emit(output) }
        return kept
    }
}
