import Foundation
import Frames
import NotebookCore
import Outputs
import RecbookSupport
import Testing
@testable import TableSteps

/// A value that is not a table.
private struct NoteValue: NotebookValue {
    static let kind = ValueKind("note", doc: "A note.")
    var summary: String { "note" }
    func encode(to writer: inout BinaryWriter) {}
    init() {}
    init(from reader: inout BinaryReader) throws {}
}

private struct NoteStep: Step {
    static let name = "note"
    static let summary = "A note."
    static let produces: ValueKind? = NoteValue.kind
    static let schema: ParameterSchema<Self> = []
    func run(in context: StepContext) throws -> (any NotebookValue)? { NoteValue() }
}

private let registry = StepRegistry(
    steps: TableSteps.steps + [InlineTableStep.self, NoteStep.self], values: TableSteps.values + [NoteValue.self]
)

/// Ratings whose columns the checker knows, movies whose columns it does not, and a note
/// named like a column.
private let header = """
    ```table
    columns: [userId:int, movieId:int, rating:double, timestamp:timestamp]
    rows: [[1, 10, 4.0, 100], [1, 20, 3.0, 200], [2, 10, 5.0, 300]]
    as: ratings
    ```
    ```table
    columns: [movieId:int, title:string]
    rows: [[10, Amélie], [20, Heat]]
    late: true
    as: late_movies
    ```
    ```note
    as: userId
    ```

    """

/// Checks `body` after the fixtures (lines 1–14, so the body starts on line 15).
private func checkSQL(_ body: String) -> (CheckedNotebook?, [String]) {
    let (notebook, loaded) = NotebookLoader(registry: registry).load(text: header + body, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return (nil, loaded.map(\.description)) }
    let (plan, checked) = Checker(registry: registry).check(notebook)
    return (plan, (loaded + checked).sortedByLocation().map(\.description))
}

/// Runs `body` after the fixtures through the executor: the last step's value, or its failure.
private func runSQL(_ body: String) throws -> Result<DataFrame, StepRunFailure> {
    let (plan, diagnostics) = checkSQL(body)
    let checked = try #require(plan, "\(diagnostics)")
    let result = try #require(Executor(registry: registry).run(checked, options: ExecutionOptions(jobs: 2)).stepResults.last)
    if case let .failed(message) = result.status { return .failure(StepRunFailure(message: message)) }
    return .success(try lastValue(checked))
}

private struct StepRunFailure: Error, Equatable { var message: String }

/// The last step's value, from running the plan's steps in order, each seeing only its inputs
/// (the executor keeps values to itself).
private func lastValue(_ plan: CheckedNotebook) throws -> DataFrame {
    var values: [String: any NotebookValue] = [:]
    var last: (any NotebookValue)?
    for planned in plan.steps {
        let inputs = values.filter { name, _ in planned.inputs.contains { $0.reference.name == name } }
        last = try planned.step.run(in: StepContext.standalone(values: inputs))
        if let name = planned.block.binding?.name, let last { values[name] = last }
    }
    return try #require(last as? DataFrame)
}

@Suite struct SQLStepTests {
    @Test func aQueryOverBoundTablesGivesATable() throws {
        let result = try runSQL("""
            ```sql
            query: |
              SELECT userId, COUNT(*) AS n, AVG(rating) AS mean, MAX(timestamp) AS last
              FROM ratings GROUP BY userId ORDER BY userId
            as: means
            ```
            """).get()
        // User 1: ratings 4 and 3 at 100 and 200; user 2: 5 at 300.
        #expect(result == (try DataFrame([
            "userId": .ints([1, 2]), "n": .ints([2, 1]), "mean": .doubles([3.5, 5.0]), "last": .ints([200, 300]),
        ])))
    }

    @Test func theStepDependsOnExactlyTheTablesItNames() throws {
        let (plan, diagnostics) = checkSQL("""
            ```sql
            query: |
              WITH recent AS (SELECT * FROM ratings WHERE timestamp > 100) -- not late_movies
              SELECT r.userId, m.title, 'ratings' AS "source" FROM recent AS r JOIN "late_movies" m USING (movieId)
            as: joined
            ```
            """)
        #expect(diagnostics == [])
        let step = try #require(plan?.steps.last)
        // 'userId' names a note, not a table; 'recent', 'r', 'm', 'title' and 'source' name nothing bound.
        #expect(step.inputs.map(\.reference.name) == ["ratings", "late_movies"])
        #expect(step.dependencies == [1, 2])
        let rows = try runSQL("```sql\nquery: SELECT COUNT(*) AS n FROM late_movies JOIN ratings USING (movieId)\n```\n").get()
        #expect(rows == (try DataFrame(["n": .ints([3])])))
    }

    @Test(arguments: [
        // A misspelt column inside a literal block: line 17, after "  SELECT userId, AVG(".
        ("```sql\nquery: |\n  SELECT userId, AVG(ratng) AS mean\n  FROM ratings GROUP BY userId\n```\n",
         "nb.md:17:22: error: no such column: ratng; did you mean 'rating'?"),
        // A syntax error on one line: SQLite reads FORM as an alias and stops at what follows.
        ("```sql\nquery: SELECT userId FORM ratings\n```\n", "nb.md:16:27: error: near \"ratings\": syntax error"),
        // A misspelt table, with the tables bound so far.
        ("```sql\nquery: SELECT * FROM ratngs\n```\n", "nb.md:16:22: error: no such table: ratngs; did you mean 'ratings'?"),
        ("```sql\nquery: SELECT * FROM userId\n```\n", "nb.md:16:22: error: no such table: userId; 'userId' is a note, not a table"),
        ("```sql\nquery: DELETE FROM ratings\n```\n",
         "nb.md:16:8: error: the query may only read tables: write one SELECT (or WITH … SELECT, VALUES); statements that change or attach databases, and PRAGMAs, are refused"),
        ("```sql\nquery: SELECT 1;\n  SELECT 2\n```\n", "nb.md:17:3: error: a second statement starts here; the step runs one query (a single SELECT)"),
        // Out-of-range limits.
        ("```sql\nquery: SELECT 1\nmax_rows: 0\n```\n", "nb.md:17:11: error: parameter 'max_rows' must be in [1, 100000000], got 0"),
        ("```sql\nquery: SELECT 1\ntimeout: 100000\n```\n", "nb.md:17:10: error: parameter 'timeout' must be in [1, 86400], got 100000"),
    ])
    func problemsAreFoundBeforeRunningWhereTheyAreWritten(body: String, expected: String) {
        #expect(checkSQL(body).1 == [expected])
    }

    @Test func aTableKnownOnlyWhenItExistsIsCheckedWhenTheStepRuns() throws {
        let body = "```sql\nquery: |\n  SELECT title,\n    ttle FROM late_movies\n```\n"
        #expect(checkSQL(body).1 == [])
        #expect(try runSQL(body) == .failure(StepRunFailure(message: "nb.md:18:5: error: no such column: ttle; did you mean 'title'?")))
    }

    @Test func theResultsColumnsAreKnownToLaterStepsWhenTakenStraightFromTables() throws {
        // The second query reads the first one's result; its misspelt column is found by check.
        let (_, diagnostics) = checkSQL("""
            ```sql
            query: SELECT userId, timestamp FROM ratings
            as: stamps
            ```
            ```sql
            query: SELECT timestmp FROM stamps
            ```
            """)
        #expect(diagnostics == ["nb.md:20:15: error: no such column: timestmp; did you mean 'timestamp'?"])
    }

    @Test func limitsAreReportedWithTheParameterThatSetsThem() throws {
        let rows = try runSQL("```sql\nquery: SELECT * FROM ratings\nmax_rows: 2\n```\n")
        #expect(rows == .failure(StepRunFailure(
            message: "nb.md:16:8: error: the result has more than 2 rows, the limit set by 'max_rows'; aggregate or add a LIMIT in the query, or raise 'max_rows' (at most 100000000)"
        )))
        let time = try runSQL("""
            ```sql
            query: WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c
            timeout: 1
            ```
            """)
        #expect(time == .failure(StepRunFailure(message: "nb.md:16:8: error: the query ran past its time budget of 1 s ('timeout') and was interrupted")))
    }

    @Test func theResultIsPreviewedAsATable() throws {
        let (plan, _) = checkSQL("```sql\nquery: SELECT title FROM late_movies\n```\n")
        let result = Executor(registry: registry).run(try #require(plan)).stepResults.last
        guard case let .table(table)? = result?.outputs.first else {
            Issue.record("expected a table, got \(String(describing: result?.outputs))")
            return
        }
        #expect(table.columns.map(\.name) == ["title"])
    }
}
