import NotebookCore
import Outputs
import RecbookSupport
import Testing
@testable import RecommenderSteps

@Suite struct CompareTableAndCurveTests {
    private let nowhere = SourceLocation(file: "nb.md", line: 1, column: 1)

    /// An evaluation as `evaluate` writes one with `metrics: [precision, recall]`, `k: 10` and
    /// `curve: 12`: the headline figures, then recall@1 … recall@12 without the recall@10 already
    /// given.
    private let ranked = Metrics(title: "a", values: [
        ("precision@10", 0.2), ("recall@10", 0.1), ("ranked_users", 5),
    ] + (1...12).filter { $0 != 10 }.map { ("recall@\($0)", Double($0) / 100) })

    /// An evaluation with a curve but no recall among its metrics.
    private let curveOnly = Metrics(title: "b", values: [("rmse", 0.9)] + (1...3).map { ("recall@\($0)", Double($0) / 50) })

    private func compare(_ configure: (inout CompareStep) -> Void) throws -> [Output] {
        var step = CompareStep()
        step.metrics = [ValueRef(name: "a", location: nowhere), ValueRef(name: "b", location: nowhere)]
        configure(&step)
        let context = StepContext.standalone(values: ["a": ranked, "b": curveOnly])
        _ = try step.run(in: context)
        return context.outputs
    }

    private func table(_ outputs: [Output]) -> TableOutput? {
        outputs.lazy.compactMap { if case .table(let table) = $0 { table } else { nil } }.first
    }

    @Test func aCurveWithoutColumnsShowsOnlyItsFirstPointInTheTable() throws {
        let outputs = try compare { $0.chart = .curve }
        #expect(table(outputs)?.columns.map(\.name) == ["precision@10", "recall@10", "ranked_users"])
        // The chart still draws every point: 12 for the first evaluation, 3 for the second.
        let lines = outputs.compactMap { output -> [Mark]? in if case .figure(let figure) = output { figure.marks } else { nil } }
        #expect(lines.first?.count == 2)
        if case .line(let first)? = lines.first?.first { #expect(first.x.count == 12) }

        var step = CompareStep()
        step.chart = .curve
        step.metrics = [ValueRef(name: "b", location: nowhere)]
        let context = StepContext.standalone(values: ["b": curveOnly])
        _ = try step.run(in: context)
        #expect(table(context.outputs)?.columns.map(\.name) == ["rmse", "recall@1"])
    }

    @Test func withoutAChartEveryFigureIsShown() throws {
        #expect(table(try compare { _ in })?.columns.count == ranked.values.count)
    }

    @Test func theTableCanBeLeftOutWhenThereIsAChart() throws {
        let outputs = try compare {
            $0.chart = .bars
            $0.columns = ["recall@10"]
            $0.showsTable = false
        }
        #expect(outputs.count == 1)
        if case .figure = outputs.first {} else { Issue.record("expected the figure alone, got \(outputs)") }

        var nothing = CompareStep()
        nothing.metrics = [ValueRef(name: "a", location: nowhere)]
        nothing.showsTable = false
        #expect(nothing.validate().map(\.parameter) == ["table"])
    }
}
