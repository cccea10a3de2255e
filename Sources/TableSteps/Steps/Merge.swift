import Frames
import NotebookCore

/// Joins two tables on a key column, like `pd.merge(left, right, on=key, how=…)`.
struct MergeStep: Step {
    static let name = "merge"
    static let category = "Data"
    static let summary = "Join two tables on a key column, like pandas' merge."
    static let discussion = """
    Rows come out in the left table's order, each followed by its matches in the right table's \
    order; columns are the left table's, then the right's without the key (clashing names get \
    _x and _y).
    """
    static let example = "left: movies\nright: ratings\non: movieId\nas: movie_ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.left, "left", kind: .table, doc: "The left table."),
        .input(\.right, "right", kind: .table, doc: "The right table."),
        .parameter(\.key, "on", doc: "The key column both tables share.", required: true),
        .parameter(\.how, "how", doc: "'inner' keeps matched rows only; 'left' keeps every left row."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    enum How: String, ChoiceParameter { case inner, left }

    var left = ValueRef()
    var right = ValueRef()
    var key = ""
    var how: How = .inner
    var preview: Preview = .head

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let leftFrame = try context.frame(left)
        let rightFrame = try context.frame(right)
        let merged = try leftFrame.merged(with: rightFrame, on: key, how: how == .inner ? .inner : .left)
        if let output = preview.output(merged) { context.emit(output) }
        return merged
    }
}
