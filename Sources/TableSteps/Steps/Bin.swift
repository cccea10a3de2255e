import Frames
import NotebookCore
import RecbookSupport

/// Puts each value of a numeric column in a bin: `pd.cut(df[column], bins, right=False)`.
struct BinStep: TableVerb {
    static let name = "bin"
    static let category = "Table verbs"
    static let summary = "Add a column naming the bin each value of a numeric column falls in, like pd.cut."
    static let discussion = """
    Bins are right-open, `[start, end)`, as `pd.cut(right=False)` makes them. Give a `width` \
    (bins start at `origin` plus whole multiples of it, so every value has one; at most \
    \(DataFrame.maxBins) bins over the column's range) or the `edges` (values outside them get \
    a missing value). `labels: interval` names a bin as text, `[3.5, 4.0)`; `labels: start` \
    gives its start as a number, to sort or chart by.
    """
    static let example = "table: ratings\ncolumn: rating\nwidth: 1\nas: ratings"
    static let produces: ValueKind? = .table
    static let maxEdges = 100_000
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table."),
        .parameter(\.column, "column", doc: "The numeric column to bin.", required: true),
        .parameter(\.width, "width", doc: "The width of every bin.", .greaterThan(0.0)),
        .parameter(\.origin, "origin", doc: "Where one bin starts, with `width`."),
        .parameter(\.edges, "edges", doc: "Increasing bin edges, instead of `width` (at most \(maxEdges))."),
        .parameter(\.into, "into", doc: "The new column's name; `<column>_bin` when absent."),
        .parameter(\.labels, "labels", doc: "Interval text such as `[3.5, 4.0)`, or the bin's start as a number."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var column = ColumnName()
    var width: Double?
    var origin = 0.0
    var edges: [Double] = []
    var into: String?
    var labels: BinLabel = .interval
    var preview: Preview = .table

    private var output: String { into ?? column.name + "_bin" }

    func validate() -> [ParameterProblem] {
        switch (width, edges.isEmpty) {
        case (nil, true): return [ParameterProblem("width", "step 'bin' needs 'width' or 'edges'")]
        case (.some, false): return [ParameterProblem("edges", "give 'width' or 'edges', not both")]
        default: break
        }
        if !edges.isEmpty {
            if edges.count < 2 || edges.count > Self.maxEdges {
                return [ParameterProblem("edges", "parameter 'edges' needs 2 to \(Self.maxEdges) edges, got \(edges.count)")]
            }
            for (a, b) in zip(edges, edges.dropFirst()) where !(a < b) {
                return [ParameterProblem("edges", "parameter 'edges' must increase, but \(Format.shortest(b)) follows \(Format.shortest(a))")]
            }
        }
        return []
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        column.check(in: input, types: [.int, .double], context, need: "bin needs numbers")
        return input.setting(output, labels == .interval ? .string : .double)
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        let bins: BinEdges = width.map { .width($0, origin: origin) } ?? .edges(edges)
        return try context.locatingDataErrors(at: width == nil ? "edges" : "width") {
            try frame.binned(column.name, bins, labels: labels, into: output)
        }
    }
}

extension BinLabel: ChoiceParameter {}
