import Frames
import NotebookCore

/// Renames columns: `df.rename(columns={old: new})`.
struct RenameStep: TableVerb {
    static let name = "rename"
    static let category = "Table verbs"
    static let summary = "Rename columns, like df.rename(columns={old: new})."
    static let discussion = "Columns keep their places; names not in the map are kept. Two columns may not end up with one name."
    static let example = "table: ratings\ncolumns: {rating: stars, movieId: movie}\nas: ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table whose columns to rename."),
        .parameter(\.columns, "columns", doc: "A map from old name to new name.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var columns = ColumnRenames()
    var preview: Preview = .table

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        var newName: [String: String] = [:]
        for rename in columns.renames {
            guard rename.old.check(in: input, context) != nil else { continue }
            if newName[rename.old.name] != nil {
                context.error("column '\(rename.old.name)' is renamed twice", at: rename.old.location, id: "duplicate-column")
            }
            newName[rename.old.name] = rename.new
        }
        var output = input
        for index in output.columns.indices {
            output.columns[index].name = newName[output.columns[index].name] ?? output.columns[index].name
        }
        var seen: Set<String> = []
        for column in output.columns where !seen.insert(column.name).inserted {
            let location = columns.renames.last { $0.new == column.name }?.newLocation ?? context.location(ofParameter: "columns")
            context.error("two columns would be named '\(column.name)'", at: location, id: "duplicate-column")
        }
        return output
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.renamingColumns(Dictionary(columns.renames.map { ($0.old.name, $0.new) }, uniquingKeysWith: { $1 }))
    }
}
