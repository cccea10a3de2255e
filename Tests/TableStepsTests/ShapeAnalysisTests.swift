import Foundation
import Frames
import NotebookCore
import RunModel
import Testing
@testable import TableSteps

@Suite struct ShapeAnalysisTests {
    @Test func aTableSchemaIsItsColumnsInOrder() throws {
        let frame = try DataFrame([
            "userId": .ints([1, 2]), "liked": .bools([true, nil]), "title": .strings(["a", "b"]),
        ])
        #expect(frame.schema == TableSchema(["userId": .int, "liked": .bool, "title": .string]))
        #expect(frame.schema.unknownColumnMessage("titel") == "no column 'titel'; did you mean 'title'?")
        #expect(frame.schema.unknownColumnMessage("zzzzzz") == "no column 'zzzzzz'; the columns are 'userId', 'liked', 'title'")
    }
}

/// A table whose columns are known before running, for checking what depends on them.
private struct GenreFixtureStep: Step {
    static let name = "fixture"
    static let summary = "A fixed table."
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = []
    static let frame = try! DataFrame(["genre": .strings(["Drama", "Film-Noir"]), "mean_rating": .doubles([3.9, 4.1])])
    func analyse(_ context: AnalysisContext) -> (any ValueShape)? { Self.frame.schema }
    func run(in context: StepContext) throws -> (any NotebookValue)? { Self.frame }
}

private let fixtureRegistry = StepRegistry(steps: [GenreFixtureStep.self], values: [DataFrame.self])

@Suite struct TableExpectationTests {
    private func run(_ expectations: [String]) -> (diagnostics: [String], results: [ExpectationResult]) {
        let text = "```fixture\nas: t\nexpect:\n" + expectations.map { "  - \"\($0)\"\n" }.joined() + "```\n"
        let (notebook, loaded) = NotebookLoader(registry: fixtureRegistry).load(text: text, path: "nb.md", url: URL(fileURLWithPath: "/tmp/nb.md"))
        guard let notebook else { return (loaded.map(\.description), []) }
        let (plan, checked) = Checker(registry: fixtureRegistry).check(notebook)
        let diagnostics = (loaded + checked).map(\.description)
        guard let plan else { return (diagnostics, []) }
        let run = Executor(registry: fixtureRegistry).run(plan)
        let results = run.cells.flatMap { cell -> [ExpectationResult] in
            if case let .step(result) = cell { return result.expectations }
            return []
        }
        return (diagnostics, results)
    }

    @Test func cellsAreTestedByColumnAndRow() {
        let (diagnostics, results) = run(["rows == 2", "genre[0] == 'Drama'", "genre[-1] == 'Film-Noir'", "mean_rating[1] > 4", "mean_rating[0] > 4"])
        #expect(diagnostics == [])
        #expect(results.map(\.passed) == [true, true, true, true, false])
        #expect(results.last?.detail == "mean_rating[0] = 3.9")
    }

    @Test func aCellOfAnUnknownColumnIsACheckError() {
        let (diagnostics, _) = run(["mean_ratng[0] > 4"])
        #expect(diagnostics == ["nb.md:4:5: error: 'mean_ratng[0]': no column 'mean_ratng'; did you mean 'mean_rating'?"])
    }

    @Test func aRowPastTheEndHasNoMeasurement() {
        let (_, results) = run(["genre[2] == 'x'"])
        #expect(results.map(\.detail) == ["the value has no measurement 'genre[2]'"])
    }

    @Test func anUnknownMeasurementListsWhatATableHas() {
        let (diagnostics, _) = run(["rowz == 2"])
        #expect(diagnostics == ["nb.md:4:5: error: a table has no measurement 'rowz'; did you mean 'rows'?"])
    }
}
