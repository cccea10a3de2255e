import Frames
import NotebookCore

/// The first rows, or the top rows by some keys: `df.head(n)` or `df.sort_values(by).head(n)`.
struct HeadStep: TableVerb {
    static let name = "head"
    static let category = "Table verbs"
    static let summary = "Keep the first n rows, or with `by` the top n rows by some keys."
    static let discussion = """
    With `by` (keys as `sort` takes them) the result is the table sorted by those keys, cut to \
    its first `n` rows, found without sorting the whole table: the top 20 movies by mean rating \
    are `n: 20, by: [mean_rating desc]`. Ties keep table order, as a stable sort would.
    """
    static let example = "table: movie_stats\nn: 20\nby: [mean_rating desc]\nas: top_movies"
    static let produces: ValueKind? = .table
    static let maxRows = 100_000_000
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to cut."),
        .parameter(\.n, "n", doc: "How many rows to keep.", .inRange(0...maxRows)),
        .parameter(\.by, "by", doc: "Sort keys that pick the top rows (as `sort` takes them); table order when absent."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var n = 5
    var by: [SortKeyParameter] = []
    var preview: Preview = .table

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        by.map(\.column).check(in: input, context)
        return input
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        by.isEmpty ? frame.head(n) : try frame.top(n, by: by.map(\.sortKey))
    }
}
