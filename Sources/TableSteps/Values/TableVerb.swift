import Frames
import NotebookCore
import Outputs

/// A step that makes a table from one input table, checked by one piece of code in both phases:
/// by the checker against the columns it knows, and at run time against the real ones (a SQL
/// result's, say), so that both report a problem in the same words at the same place.
protocol TableVerb: Step {
    /// The input table.
    var table: ValueRef { get }
    /// What the step shows of its result.
    var preview: Preview { get }

    /// Checks the step against its input's columns, reporting each problem to `context` where it
    /// is written, and returns the result's columns, or nil when a problem leaves them unknown.
    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema?

    /// Computes the result from the checked input table.
    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame
}

extension TableVerb {
    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        guard let input = context.shape(of: table, as: TableSchema.self) else { return nil }
        let output = outputSchema(for: input, context)
        return context.hasErrors ? nil : output
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        try context.check { _ = outputSchema(for: frame.schema, $0) }
        let result = try apply(to: frame, in: context)
        if let output = preview.output(result) { context.emit(output) }
        return result
    }
}

extension TableSchema {
    /// The message for a column `table` lacks, naming the table: "'ratings' has no column
    /// 'ratng'; did you mean 'rating'?", for steps that read two tables.
    func unknownColumnMessage(_ name: String, inTable table: String) -> String {
        "'\(table)' has " + unknownColumnMessage(name)
    }

    /// The schema with `column` added at the end, or replaced in place when it exists.
    func setting(_ name: String, _ type: ColumnType) -> TableSchema {
        var schema = self
        if let index = schema.columns.firstIndex(where: { $0.name == name }) {
            schema.columns[index].type = type
        } else {
            schema.columns.append(Column(name, type))
        }
        return schema
    }
}

extension ColumnName {
    /// Reports this column unless `schema` has it with one of `types`; returns its type when it
    /// does. `role` says what the step needs the column for: "sort needs…", "explode splits strings".
    @discardableResult
    func check(in schema: TableSchema, types: [ColumnType], _ context: AnalysisContext, need: String) -> ColumnType? {
        guard let type = check(in: schema, context) else { return nil }
        guard types.contains(type) else {
            context.error("\(need), but '\(name)' holds \(type.pluralName)", at: location, id: "wrong-column-type")
            return nil
        }
        return type
    }
}

extension [ColumnName] {
    /// Checks every name against `schema` and reports a name given twice at its second place.
    func check(in schema: TableSchema, _ context: AnalysisContext) {
        var seen: Set<String> = []
        for column in self {
            column.check(in: schema, context)
            if !seen.insert(column.name).inserted {
                context.error("column '\(column.name)' is listed twice", at: column.location, id: "duplicate-column")
            }
        }
    }

    var names: [String] { map(\.name) }
}

extension StepContext {
    /// Runs `body`, rethrowing a ``DataError`` as an error at the parameter `name`: for problems
    /// that depend on the data (a sample larger than the table), found only while running.
    func locatingDataErrors<T>(at name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DataError {
            throw LocatedStepError(error.description, at: location(ofParameter: name))
        }
    }
}

extension Constraint {
    /// `inner` applied to an optional parameter when it is given.
    static func ifGiven<Wrapped>(_ inner: Constraint<Wrapped>) -> Constraint where Value == Wrapped? {
        inner.ifGiven()
    }
}
