import Frames
import NotebookCore
import RecbookSupport

/// A SQL query over the notebook's tables, run by SQLite: the escape hatch for what the table
/// verbs do not cover.
struct SQLStep: Step {
    static let name = "sql"
    static let category = "SQL"
    static let summary = "Query the notebook's tables with SQL (SQLite); the result is a table."
    static let discussion = """
    Every table bound earlier with `as:` is visible under its name, written as it was bound \
    (quoted if need be: `"genre-means"`); quote a member of another value, as in \
    `FROM "split.train"`. The step depends on the tables its query names, so it runs after the \
    steps that make them and is re-run when they change; a name that is a column, an alias or a \
    common table expression is no dependency. The tables are not copied: SQLite reads their \
    columns in place (an `ORDER BY` or `GROUP BY` on columns without missing values is sorted by \
    recbook instead of SQLite), and the database lives in memory for the step only. The query \
    may only read: one `SELECT` (or `WITH … SELECT`, `VALUES`).

    Columns are visible to SQLite as `INTEGER`, `REAL`, `TEXT`, `TIMESTAMP` (Unix seconds) and \
    `BOOLEAN` (0 or 1); missing values are NULL. In the result, a column taken straight from a \
    table keeps its type (a timestamp stays a timestamp); a computed column is an integer column \
    if every value is an integer, else a double column if every value is a number, else a \
    string column; NULL is a missing value.

    `check` prepares the query against the tables' columns when they are known before running, \
    so a syntax error or a misspelt column is reported at its line and column without running \
    anything; the result's columns are known to later steps when each is taken straight from a \
    table. A query that runs longer than `timeout` is interrupted, and a result of more than \
    `max_rows` rows is refused.
    """
    static let example = """
    query: |
      SELECT genres, COUNT(*) AS ratings, AVG(rating) AS mean_rating
      FROM movie_ratings GROUP BY genres ORDER BY mean_rating DESC
    as: genre_means
    """
    static let produces: ValueKind? = .table

    /// The bounds a notebook may set: a day, and a hundred million rows.
    static let timeoutRange = 1...86_400
    static let maxRowsRange = 1...100_000_000

    static let schema: ParameterSchema<Self> = [
        .parameter(\.query, "query", doc: "The SQL query (SQLite's dialect): one SELECT over tables bound earlier.", required: true),
        .parameter(\.timeout, "timeout", doc: "Seconds the query may run before it is interrupted.", .inRange(timeoutRange)),
        .parameter(\.maxRows, "max_rows", doc: "The most rows the result may have; a larger result is refused.", .inRange(maxRowsRange)),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var query = SQLText()
    var timeout = 600
    var maxRows = 10_000_000
    var preview: Preview = .table

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        var tables: [(name: String, schema: TableSchema)] = []
        for reference in query.tableNames where context.isInput(reference) {
            // A table whose columns are known only when it exists: check the query then.
            guard let schema = context.shape(of: reference, as: TableSchema.self) else { return nil }
            tables.append((reference.canonicalText, schema))
        }
        do {
            return try query.query.resultSchema(over: tables)
        } catch {
            report(error, to: context)
            return nil
        }
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        var tables: [(name: String, frame: DataFrame)] = []
        for reference in query.tableNames where context.isInput(reference) {
            tables.append((reference.canonicalText, try context.frame(reference)))
        }
        let result: DataFrame
        do {
            result = try query.query.run(over: tables, limits: SQLLimits(seconds: Double(timeout), maxRows: maxRows))
        } catch {
            // Reported as the checker reports it, at the place in the query SQLite points at.
            try context.check { report(error, to: $0) }
            throw error
        }
        if let output = preview.output(result) { context.emit(output) }
        return result
    }

    /// Reports what SQLite said, pointing into the query where it points, with what would help.
    private func report(_ error: any Error, to context: AnalysisContext) {
        guard let error = error as? SQLError else {
            context.error(String(describing: error), at: query.text.location, id: "sql")
            return
        }
        var message = error.message
        switch error.reason {
        case let .unknownTable(name):
            message += unknownTableHint(name, bound: context.boundKinds)
        case .timeBudgetExceeded:
            message = "the query ran past its time budget of \(timeout) s ('timeout') and was interrupted"
        case .rowLimitExceeded:
            message += " set by 'max_rows'; aggregate or add a LIMIT in the query, or raise 'max_rows' (at most \(Self.maxRowsRange.upperBound))"
        case .invalidQuery, .failed:
            break
        }
        let location = error.offset.map(query.text.location(atOffset:)) ?? query.text.location
        context.error(message, at: location, id: "sql")
    }

    /// Why a name is not a table SQLite can see, when the notebook can tell.
    private func unknownTableHint(_ name: String, bound: [String: ValueKind]) -> String {
        if let kind = bound[name], !kind.conforms(to: .table) {
            return "; '\(name)' is \(kind.withArticle), not a table"
        }
        let tables = bound.filter { $0.value.conforms(to: .table) }.keys.sorted()
        if let suggestion = Suggestions.bestMatch(for: name, in: tables) {
            return "; did you mean '\(suggestion)'?"
        }
        return ""
    }
}
