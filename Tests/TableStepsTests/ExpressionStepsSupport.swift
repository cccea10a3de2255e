import Foundation
import Frames
import NotebookCore
import RecbookSupport
import RunModel
import Testing
@testable import TableSteps

/// Small tables for the expression steps' tests, by name.
enum FixtureTables {
    static func table(_ name: FixtureStep.Name) throws -> DataFrame {
        switch name {
        case .movies:
            // 1995-11-22 00:00:00, 1995-12-15 12:30:00, 1969-12-31 23:59:59, missing
            return try DataFrame([
                "movieId": .ints([1, 2, 3, 4]),
                "title": .strings(["Toy Story (1995)", "Jumanji (1995)", "Heat (1995)", nil]),
                "genres": .strings(["Adventure|Animation", "Adventure|Children", "Action|Crime", "(no genres listed)"]),
                "rating": .doubles([4.5, nil, 3.0, 5.0]),
                "watched": .timestamps([816_998_400, 819_030_600, -1, nil]),
            ])
        case .empty:
            return try table(.movies).head(0)
        }
    }
}

/// Produces a fixture table; with `known: false` the checker knows nothing of its columns, as
/// of a SQL result, so that the steps after it are checked at run time.
struct FixtureStep: Step {
    static let name = "fixture"
    static let summary = "A fixture table."
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .parameter(\.table, "table", doc: "Which table.", required: true),
        .parameter(\.known, "known", doc: "Whether the checker knows its columns."),
    ]

    enum Name: String, ChoiceParameter { case movies, empty }

    var table: Name = .movies
    var known = true

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        guard known else { return nil }
        return try? FixtureTables.table(table).schema
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? { try FixtureTables.table(table) }
}

/// Prints a table's columns, one line each: `title: Toy Story (1995), null`.
struct DumpStep: Step {
    static let name = "dump"
    static let summary = "Print a table's values."
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [.input(\.table, "table", kind: .table, doc: "The table.")]

    var table = ValueRef()

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        for (name, column) in zip(frame.columnNames, frame.columns) {
            let cells = (0..<frame.rowCount).map { row -> String in
                guard !column.isMissing(row) else { return "null" }
                switch column.values {
                case let .int(values): return String(values[row])
                case let .double(values): return Format.shortest(values[row])
                case let .string(values): return values[row]
                case let .bool(values): return String(values[row])
                case let .timestamp(values): return CivilDateTime(secondsSinceEpoch: values[row]).description
                }
            }
            context.print("\(name) (\(column.type)): \(cells.joined(separator: ", "))")
        }
        return nil
    }
}

let expressionRegistry = StepRegistry(
    steps: [FixtureStep.self, DumpStep.self] + TableSteps.steps, values: TableSteps.values
)

/// What `recbook check` reports for `text`, in order.
func checkDiagnostics(_ text: String) -> [String] {
    let (notebook, loaded) = NotebookLoader(registry: expressionRegistry)
        .load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    guard let notebook else { return loaded.map(\.description) }
    let (_, checked) = Checker(registry: expressionRegistry).check(notebook)
    return (loaded + checked).sortedByLocation().map(\.description)
}

/// Runs `text`, which must pass the checker.
func runNotebook(_ text: String) throws -> NotebookRun {
    let (notebook, loaded) = NotebookLoader(registry: expressionRegistry)
        .load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
    let loadedNotebook = try #require(notebook, "\(loaded)")
    let (plan, diagnostics) = Checker(registry: expressionRegistry).check(loadedNotebook)
    let checked = try #require(plan, "\(diagnostics)")
    return Executor(registry: expressionRegistry).run(checked, options: ExecutionOptions(keepGoing: true))
}

extension NotebookRun {
    /// Each step's failure message, or its printed text.
    var stepTexts: [String] {
        stepResults.map { result in
            if case let .failed(message) = result.status { return message }
            return result.outputs.compactMap { output -> String? in
                if case let .text(text) = output { return text }
                return nil
            }.joined()
        }
    }
}
