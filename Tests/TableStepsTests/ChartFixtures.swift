import Foundation
import Frames
import NotebookCore
import Outputs
@testable import TableSteps
import RunModel

/// Small tables for the chart tests, made by a step so that notebooks can chart them, with their
/// columns known to the checker (or, with `known: false`, only when the step runs).
struct FixtureTableStep: Step {
    static let name = "fixture"
    static let summary = "A small table for tests."
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .parameter(\.table, "table", doc: "Which table.", required: true),
        .parameter(\.known, "known", doc: "Whether the checker knows the columns."),
        .parameter(\.rows, "rows", doc: "many: rows."),
        .parameter(\.labels, "labels", doc: "many: distinct labels."),
        .parameter(\.groups, "groups", doc: "many: distinct groups."),
    ]

    enum Table: String, ChoiceParameter { case films, cells, many }

    var table: Table = .films
    var known = true
    var rows = 10
    var labels = 10
    var groups = 2

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        guard known else { return nil }
        do {
            return try frame().schema
        } catch {
            context.error("\(error)", at: context.blockLocation)
            return nil
        }
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? { try frame() }

    func frame() throws -> DataFrame {
        switch table {
        case .films: return try Self.films()
        case .cells: return try Self.cells()
        case .many:
            let indices = Array(0..<rows)
            return try DataFrame([
                "id": .ints(indices),
                "label": .strings(indices.map { "item \($0 % labels)" }),
                "group": .strings(indices.map { "g\($0 % groups)" }),
                // Spread over a wide range without repeating cells of a 1000 × 1000 grid often.
                "x": .doubles(indices.map { Double(($0 * 7919) % 1_000_003) }),
                "y": .doubles(indices.map { Double(($0 * 104_729) % 999_983) }),
            ])
        }
    }

    /// Eight films; row 4 has no rating, watch time or liking; "Heat" appears twice.
    static func films() throws -> DataFrame {
        try DataFrame([
            "title": .strings(["Heat", "Alien", "Cats", "<b>&\"Odd", "Up", "Heat", "Jaws", "Rocky"]),
            "genre": .strings(["Crime", "Horror", "Musical", "Drama", "Animation", "Crime", "Horror", "Drama"]),
            "year": .ints([1995, 1979, 2019, 1995, 2009, 1995, 1975, 1976]),
            "rating": .doubles([4.5, 4.0, 1.5, nil, 4.0, 3.5, 5.0, 3.0]),
            // 2015-03-04, 2015-03-05 12:00, 2020-01-01, –, 2016-07-01, 2017-07-14 02:40, 2014-05-13 16:53:20, 2011-03-13 07:06:40
            "watched": .timestamps([1_425_427_200, 1_425_556_800, 1_577_836_800, nil, 1_467_331_200,
                                    1_500_000_000, 1_400_000_000, 1_300_000_000]),
            "liked": .bools([true, true, false, nil, true, false, true, false]),
        ])
    }

    /// One row per heat-map cell: genre × decade, a mean rating (NaN for one cell).
    static func cells() throws -> DataFrame {
        try DataFrame([
            "genre": .strings(["Crime", "Horror", "Horror", "Drama", "Drama", "Musical"]),
            "decade": .ints([1990, 1970, 1980, 1970, 1990, 2010]),
            "mean": .doubles([4.0, 5.0, 4.0, 3.0, .nan, 1.5]),
        ])
    }
}

/// Checks and runs notebooks made of fixture tables and charts.
enum ChartNotebook {
    static let registry = StepRegistry(steps: [FixtureTableStep.self, ChartStep.self], values: [DataFrame.self])

    /// The checker's problems, as `nb.md:line:column: error: message`.
    static func diagnostics(_ text: String) -> [String] {
        let (notebook, loaded) = NotebookLoader(registry: registry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        guard let notebook else { return loaded.map(\.description) }
        let (_, checked) = Checker(registry: registry).check(notebook)
        return (loaded + checked).filter { $0.severity == .error }.sortedByLocation().map(\.description)
    }

    /// The run of a notebook that passes the checker.
    static func run(_ text: String) throws -> NotebookRun {
        let (notebook, loaded) = NotebookLoader(registry: registry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        guard let notebook else { throw StepError("\(loaded)") }
        let (plan, checked) = Checker(registry: registry).check(notebook)
        guard let plan else { throw StepError("\(checked)") }
        return Executor(registry: registry).run(plan)
    }

    /// The outputs of the notebook's last step, or the error it failed with.
    static func lastOutputs(_ text: String) throws -> Result<[Output], StepError> {
        let result = try run(text).stepResults.last
        if case let .failed(message)? = result?.status { return .failure(StepError(message)) }
        return .success(result?.outputs ?? [])
    }

    /// The figure the notebook's last step drew.
    static func figure(_ text: String) throws -> Figure {
        let outputs = try lastOutputs(text).get()
        guard let figure = outputs.lazy.compactMap({ output -> Figure? in
            if case .figure(let figure) = output { figure } else { nil }
        }).first else { throw StepError("no figure in \(outputs)") }
        return figure
    }

    /// The message the notebook's last step failed with.
    static func failure(_ text: String) throws -> String {
        switch try lastOutputs(text) {
        case .success(let outputs): return "succeeded with \(outputs)"
        case .failure(let error): return error.message
        }
    }
}
