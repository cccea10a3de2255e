import Frames
import NotebookCore

/// Adds columns computed from expressions, like pandas' `assign` or dplyr's `mutate`.
struct DeriveStep: Step {
    static let name = "derive"
    static let category = "Table verbs"
    static let summary = "Add or replace columns computed from expressions, like pandas' assign or dplyr's mutate."
    static let discussion = """
    `columns` maps each new column's name to an expression (see `filter` for the language). \
    They are computed in the order written, and each may use the ones before it. A name the \
    table already has replaces that column in place; a new name is added at the end. A column \
    of an expression that is only ever null holds doubles (NaN), as in pandas.
    """
    static let example = """
    table: ratings
    columns:
      liked: rating >= 4
      year: year(timestamp(timestamp))
      centred: rating - 3.5
    as: ratings
    """
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to add columns to."),
        .parameter(\.columns, "columns", doc: "New column names and the expressions that compute them, in order.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var columns = DerivedColumns()
    var preview: Preview = .table

    /// Checks each expression against the columns it sees (the table's and the ones before it),
    /// reporting every problem to `context`; returns the resulting columns and, when there were
    /// no problems, the checked expressions.
    ///
    /// An expression that reads a column whose own expression has a problem is not checked, so
    /// that one mistake is reported once.
    func check(_ input: TableSchema, _ context: AnalysisContext) -> (schema: TableSchema, checked: [CheckedExpression]?) {
        var schema = input
        var checked: [CheckedExpression] = []
        var failed: Set<String> = []
        for definition in columns.definitions {
            guard definition.expression.expression.root.columnNames.isDisjoint(with: failed),
                  let expression = definition.expression.checked(against: schema, context) else {
                failed.insert(definition.name)
                continue
            }
            checked.append(expression)
            let column = TableSchema.Column(definition.name, expression.type.columnType)
            if let index = schema.columns.firstIndex(where: { $0.name == definition.name }) {
                schema.columns[index] = column
            } else {
                schema.columns.append(column)
            }
        }
        return (schema, failed.isEmpty ? checked : nil)
    }

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        guard let input = context.shape(of: table, as: TableSchema.self) else { return nil }
        let (schema, checked) = check(input, context)
        return checked == nil ? nil : schema
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        var frame = try context.frame(table)
        var checked: [CheckedExpression]?
        try context.check { checked = check(frame.schema, $0).checked }
        guard let checked else { throw StepError("the expressions of 'columns' could not be checked") }
        for (definition, expression) in zip(columns.definitions, checked) {
            let column = try definition.expression.evaluating { () throws(ExpressionEvaluationError) in
                try expression.evaluate(on: frame)
            }
            try frame.setColumn(definition.name, column)
        }
        if let output = preview.output(frame) { context.emit(output) }
        return frame
    }
}
