import Frames
import NotebookCore
import RecbookSupport

/// Random rows: `df.sample(n=…, frac=…, replace=…, random_state=seed).sort_index()`.
struct SampleStep: TableVerb {
    static let name = "sample"
    static let category = "Table verbs"
    static let summary = "Draw random rows, by count or fraction, reproducibly for a seed."
    static let discussion = """
    Give `n` or `fraction` (rounded to whole rows, as pandas rounds). The rows keep their table \
    order. Without `seed`, the step's seed derived from the notebook's is used, so changing the \
    notebook's seed re-draws the sample; a given seed always draws the same rows of the same table.
    """
    static let example = "table: ratings\nn: 1000\nas: some_ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to draw from."),
        .parameter(\.n, "n", doc: "How many rows to draw.", .ifGiven(.inRange(0...DataFrame.maxSampleRows))),
        .parameter(\.fraction, "fraction", doc: "The share of the rows to draw (above 1 only with `replace`).", .ifGiven(.inRange(0.0...1000.0))),
        .parameter(\.replace, "replace", doc: "Draw with replacement: a row may come more than once."),
        .parameter(\.seed, "seed", doc: "The random seed; the step's derived seed when absent.", .atLeast(0)),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var n: Int?
    var fraction: Double?
    var replace = false
    var seed: Int?
    var preview: Preview = .table

    func validate() -> [ParameterProblem] {
        switch (n, fraction) {
        case (nil, nil): return [ParameterProblem("n", "step 'sample' needs 'n' or 'fraction'")]
        case (.some, .some): return [ParameterProblem("fraction", "give 'n' or 'fraction', not both")]
        case let (nil, fraction?) where fraction > 1 && !replace:
            return [ParameterProblem("fraction", "a fraction above 1 needs 'replace: true', got \(Format.shortest(fraction))")]
        default: return []
        }
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? { input }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        var generator = SeededGenerator(seed: seed.map { UInt64($0) } ?? context.seed)
        let count = n ?? Int(((fraction ?? 0) * Double(frame.rowCount)).rounded(.toNearestOrEven))
        return try context.locatingDataErrors(at: n == nil ? "fraction" : "n") {
            try frame.sampledRows(count, replace: replace, using: &generator)
        }
    }
}
