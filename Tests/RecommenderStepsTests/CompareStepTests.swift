import Foundation
import NotebookCore
import Outputs
import Testing
@testable import RecommenderSteps

@Suite struct CompareStepTests {
    let first = Metrics(title: "a", values: [("rmse", 0.87654), ("pairs", 8886), ("fit_seconds", 1.5), ("recall@1", 0.1), ("recall@2", 0.2)])
    let second = Metrics(title: "b", values: [("rmse", 0.9), ("pairs", 100), ("fit_seconds", .nan), ("recall@1", 0.3)])

    func compare(_ configure: (inout CompareStep) -> Void) throws -> StepContext {
        var step = CompareStep()
        step.metrics = [reference("first"), reference("second")]
        configure(&step)
        let context = context(["first": first, "second": second])
        #expect(try step.run(in: context) == nil)
        return context
    }

    @Test func aTableRowPerEvaluation() throws {
        let table = try #require(tables(try compare { $0.columns = ["rmse", "pairs", "fit_seconds"] }).first)
        #expect(table.columns.map(\.name) == ["rmse", "pairs", "fit_seconds"])
        #expect(table.rows.map(\.label) == ["first", "second"])
        // Whole numbers print as integers, others with 4 decimals, non-finite figures as a dash.
        #expect(table.rows.map(\.cells) == [["0.8765", "8886", "1.5000"], ["0.9000", "100", "–"]])
    }

    @Test func namesLabelTheRowsAndMustCountTheEvaluations() throws {
        let table = try #require(tables(try compare { $0.names = ["MF", "SVD"]; $0.columns = ["rmse"] }).first)
        #expect(table.rows.map(\.label) == ["MF", "SVD"])
        var step = CompareStep()
        step.metrics = [reference("first"), reference("second")]
        step.names = ["only one"]
        #expect(step.validate() == [ParameterProblem("names", "'names' must label each of the 2 evaluations")])
    }

    @Test func anUnknownFigureIsAnError() {
        #expect(throws: StepError("no evaluation has a figure 'mae'; they have 'fit_seconds', 'pairs', 'recall@1', 'recall@2', 'rmse'")) {
            try compare { $0.columns = ["mae"] }
        }
    }

    @Test func scatterPlotsEvaluationsWithBothFigures() throws {
        // The second evaluation has no fit time, so only the first is drawn.
        let figure = try #require(figures(try compare { $0.chart = .scatter; $0.columns = ["rmse"] }).first)
        #expect(figure.marks == [.points(Series(name: "", x: [1.5], y: [0.87654], labels: ["first"]))])
        let none = try compare { $0.chart = .scatter; $0.columns = ["rmse"]; $0.x = "pairs"; $0.y = "mae" }
        #expect(figures(none).isEmpty)
        #expect(printed(none) == "(No evaluation has both 'pairs' and 'mae' to plot.)\n")
    }

    @Test func curvesFollowMetricAtK() throws {
        let figure = try #require(figures(try compare { $0.chart = .curve; $0.columns = ["rmse"] }).first)
        #expect(figure.marks == [
            .line(Series(name: "first", x: [1, 2], y: [0.1, 0.2])),
            .line(Series(name: "second", x: [1], y: [0.3])),
        ])
        #expect(throws: StepError("no evaluation has 'ndcg@1', 'ndcg@2', …; evaluate with `curve: 50`")) {
            try compare { $0.chart = .curve; $0.columns = ["rmse"]; $0.curveMetric = "ndcg" }
        }
    }

    @Test func barsDrawTheChosenFigures() throws {
        let figure = try #require(figures(try compare { $0.chart = .bars; $0.columns = ["rmse", "pairs"]; $0.chartColumns = ["rmse"] }).first)
        #expect(figure.marks == [.bars(BarSeries(categories: ["rmse"], series: [NamedValues("first", [0.87654]), NamedValues("second", [0.9])]))])
    }
}
