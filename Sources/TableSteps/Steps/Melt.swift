import Frames
import NotebookCore

/// Wide to long: `df.melt(id_vars=…, value_vars=…, var_name=…, value_name=…)`.
struct MeltStep: TableVerb {
    static let name = "melt"
    static let category = "Table verbs"
    static let summary = "Turn columns into rows of a name and a value (wide to long), like pandas' melt or tidyr's pivot_longer."
    static let discussion = """
    Each of `columns` becomes rows holding its name (in `names_to`) and its values (in \
    `values_to`); the `ids` columns are repeated on each row, and other columns are dropped. \
    Without `columns`, every column not in `ids` is melted. Rows come column by column, as \
    pandas orders them. The melted columns must share a type; integers and numbers together \
    become numbers. A one-row summary (from `group` without `by`) becomes a two-column table \
    of statistics this way.
    """
    static let example = "table: summary\ncolumns: [users, median, mean]\nnames_to: statistic\nvalues_to: value\nas: summary_long"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The wide table."),
        .parameter(\.ids, "ids", doc: "Columns kept as they are, repeated on each row."),
        .parameter(\.columns, "columns", doc: "The columns to turn into rows; by default every column not in `ids`."),
        .parameter(\.namesTo, "names_to", doc: "The new column holding each melted column's name."),
        .parameter(\.valuesTo, "values_to", doc: "The new column holding the values."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var ids: [ColumnName] = []
    var columns: [ColumnName] = []
    var namesTo = "variable"
    var valuesTo = "value"
    var preview: Preview = .table

    /// The melted columns: those given, or every column not among the ids.
    private func meltedNames(_ input: TableSchema) -> [String] {
        columns.isEmpty ? input.names.filter { !ids.names.contains($0) } : columns.names
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        ids.check(in: input, context)
        columns.check(in: input, context)
        let melted = meltedNames(input).compactMap { name in input.type(of: name).map { (name, $0) } }
        if melted.isEmpty, !context.hasErrors {
            context.error("there are no columns to melt", at: context.location(ofParameter: columns.isEmpty ? "ids" : "columns"), id: "invalid-parameter")
        }
        for (name, parameter) in [(namesTo, "names_to"), (valuesTo, "values_to")] where ids.names.contains(name) {
            context.error("'\(name)' is one of the ids; name the new column otherwise", at: context.location(ofParameter: parameter), id: "duplicate-column")
        }
        if namesTo == valuesTo {
            context.error("'names_to' and 'values_to' are both '\(namesTo)'", at: context.location(ofParameter: "values_to"), id: "duplicate-column")
        }
        guard let type = DataFrame.commonType(melted.map(\.1)) else {
            if !melted.isEmpty {
                let listed = melted.map { "'\($0.0)' holds \($0.1.pluralName)" }.joined(separator: ", ")
                context.error("the columns to melt must share a type (integers and numbers mix): \(listed)",
                              at: context.location(ofParameter: columns.isEmpty ? "table" : "columns"), id: "column-type")
            }
            return nil
        }
        var output = TableSchema(ids.compactMap { id in input.type(of: id.name).map { .init(id.name, $0) } })
        output.columns += [.init(namesTo, .string), .init(valuesTo, type)]
        return output
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.melted(ids: ids.names, columns: meltedNames(frame.schema), namesTo: namesTo, valuesTo: valuesTo)
    }
}
